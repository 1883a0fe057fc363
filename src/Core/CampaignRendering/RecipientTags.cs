using System.Net;

namespace Outreach.Core.CampaignRendering;

/// <summary>
/// The per-recipient values of a batched send, as SendGrid substitution tags. A campaign is rendered once per variant
/// with these tags in place of the values; the provider (or the outbox) replaces them per recipient. The HTML part and
/// the text part use different tags, because a value needs HTML escaping in one and not in the other.
/// </summary>
public static class RecipientTags
{
    /// <summary>The recipient's name, HTML-escaped.</summary>
    public const string NameHtml = "[%navn-html%]";

    /// <summary>The recipient's name as plain text.</summary>
    public const string NameText = "[%navn-tekst%]";

    /// <summary>The personal unsubscribe link, HTML-escaped for an attribute or text.</summary>
    public const string UnsubscribeUrlHtml = "[%afmeld-html%]";

    /// <summary>The personal unsubscribe link as plain text.</summary>
    public const string UnsubscribeUrlText = "[%afmeld-tekst%]";

    /// <summary>Every tag.</summary>
    public static IReadOnlyList<string> All { get; } = [NameHtml, NameText, UnsubscribeUrlHtml, UnsubscribeUrlText];

    /// <summary>The substitutions of one recipient: each tag with its value escaped for its part.</summary>
    public static IReadOnlyDictionary<string, string> Substitutions(string name, Uri unsubscribeUrl)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(unsubscribeUrl);
        var url = unsubscribeUrl.AbsoluteUri;
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [NameHtml] = WebUtility.HtmlEncode(name),
            [NameText] = name,
            [UnsubscribeUrlHtml] = WebUtility.HtmlEncode(url),
            [UnsubscribeUrlText] = url,
        };
    }

    /// <summary>Replaces every tag in <paramref name="body"/> with its value (outbox, preview and test mails).</summary>
    public static string Fill(string body, IReadOnlyDictionary<string, string> substitutions)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(substitutions);
        foreach (var (tag, value) in substitutions)
        {
            body = body.Replace(tag, value, StringComparison.Ordinal);
        }

        return body;
    }
}
