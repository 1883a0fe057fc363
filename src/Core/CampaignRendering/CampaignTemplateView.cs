using System.Globalization;
using Outreach.Core.Districts;
using Outreach.Core.Templates;
using Outreach.Core.Unsubscribe;
using Scriban.Runtime;

namespace Outreach.Core.CampaignRendering;

/// <summary>
/// What a campaign layout or a named campaign template can read: the district, chair and secretariat exactly as the
/// letters see them, the campaign's subject, and the recipient's name and unsubscribe link as placeholders that become
/// <see cref="RecipientTags"/> (a campaign renders once per variant, never per recipient). templates/README.md lists them.
/// </summary>
internal static class CampaignTemplateView
{
    /// <summary>The value of <c>category</c> for newsletter mail.</summary>
    public const string NewsletterCategory = "newsletter";

    /// <summary>The value of <c>category</c> for campaign mail.</summary>
    public const string CampaignsCategory = "campaigns";

    private static readonly CultureInfo Danish = CultureInfo.GetCultureInfo("da-DK");

    /// <summary>The read-only values of one render.</summary>
    public static ScriptObject Create(
        DistrictOptions district,
        string subject,
        OptOutCategory category,
        bool signedByChair,
        DateOnly letterDate,
        string? month,
        RecipientPlaceholders recipient)
    {
        ArgumentNullException.ThrowIfNull(district);
        ArgumentNullException.ThrowIfNull(recipient);
        var view = new ScriptObject
        {
            ["district"] = LetterView.District(district),
            ["chair"] = LetterView.Chair(district),
            ["secretariat"] = LetterView.Secretariat(district),
            ["recipient"] = TemplateSandbox.Freeze(new ScriptObject { ["name"] = recipient.Name }),
            ["unsubscribe_url"] = recipient.UnsubscribeUrl,
            ["subject"] = subject,
            ["letter_date"] = LetterView.DanishDate(letterDate),
            ["month"] = DanishMonth(month),
            ["signed_by_chair"] = signedByChair,

            // Anything that is not the newsletter is unsubscribed from as a campaign: the only other category a campaign has.
            ["category"] = category == OptOutCategory.Newsletter ? NewsletterCategory : CampaignsCategory,
        };
        return TemplateSandbox.Freeze(view);
    }

    /// <summary>"januar 2027" for <c>2027-01</c>; null when there is no (valid) month.</summary>
    public static string? DanishMonth(string? month) =>
        DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first)
            ? first.ToString("MMMM yyyy", Danish)
            : null;
}
