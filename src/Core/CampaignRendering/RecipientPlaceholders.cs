namespace Outreach.Core.CampaignRendering;

/// <summary>
/// Stand-ins for the per-recipient values while one variant renders, swapped for <see cref="RecipientTags"/> at the end.
/// They are random per render and made of letters and digits only, so no escaping changes them and no staff text can
/// contain them. Before the swap, every <c>[%</c> already in the output (from Markdown, a subject, a heading, an entity
/// such as <c>&amp;#91;%</c>, anything) is defused, so the only tags in a rendered part are the ones put there here:
/// staff text cannot forge a substitution (e.g. write the unescaped text name into the HTML part).
/// </summary>
internal sealed class RecipientPlaceholders
{
    /// <summary>What staff's <c>[%</c> becomes in HTML: a character reference, shown as "[%" but no longer a tag.</summary>
    public const string DefusedHtml = "[&#37;";

    /// <summary>What staff's <c>[%</c> becomes in text (and the subject): a word joiner (U+2060) between, invisible when read.</summary>
    public const string DefusedText = "[\u2060%";

    private const string TagStart = "[%";

    private readonly string nonce = Guid.NewGuid().ToString("N");

    /// <summary>Where the recipient's name goes.</summary>
    public string Name => "rcpt" + nonce + "name";

    /// <summary>Where the personal unsubscribe link goes.</summary>
    public string UnsubscribeUrl => "rcpt" + nonce + "unsub";

    /// <summary>Defuses staff tags in text that is not a rendered part (the subject line).</summary>
    public static string DefuseText(string text) => text.Replace(TagStart, DefusedText, StringComparison.Ordinal);

    /// <summary>The HTML part with the HTML tags in place.</summary>
    public string FinishHtml(string html) =>
        html.Replace(TagStart, DefusedHtml, StringComparison.Ordinal)
            .Replace(Name, RecipientTags.NameHtml, StringComparison.Ordinal)
            .Replace(UnsubscribeUrl, RecipientTags.UnsubscribeUrlHtml, StringComparison.Ordinal);

    /// <summary>The text part with the text tags in place.</summary>
    public string FinishText(string text) =>
        DefuseText(text)
            .Replace(Name, RecipientTags.NameText, StringComparison.Ordinal)
            .Replace(UnsubscribeUrl, RecipientTags.UnsubscribeUrlText, StringComparison.Ordinal);
}
