using System.Globalization;
using Outreach.Core.Districts;
using Scriban.Runtime;

namespace Outreach.Core.Templates;

/// <summary>
/// What a letter template can read: plain values only (strings, flags, lists of strings), built as Scriban objects by
/// hand so that a template can print data but never reach a .NET member, a service or a file. Names are Scriban's
/// snake_case (<c>{{ recipient.first_name }}</c>); templates/README.md lists them. Dates arrive as Danish text.
/// </summary>
internal static class LetterView
{
    private static readonly CultureInfo Danish = CultureInfo.GetCultureInfo("da-DK");

    /// <summary>The values of one letter, read-only. The parts add <c>subject</c> (and the layouts <c>body</c>) on top.</summary>
    public static ScriptObject Create(DistrictOptions district, LetterModel model)
    {
        ArgumentNullException.ThrowIfNull(district);
        ArgumentNullException.ThrowIfNull(model);
        var view = new ScriptObject
        {
            ["recipient"] = Freeze(new ScriptObject
            {
                ["name"] = model.RecipientName.Trim(),
                ["first_name"] = FirstName(model.RecipientName),
                ["email"] = model.RecipientEmail,
                ["job_title"] = model.JobTitle,
                ["workplace"] = model.Workplace,
                ["municipality"] = model.Municipality,
                ["hire_date"] = model.HireDate is { } hired ? DanishDate(hired) : null,
            }),
            ["district"] = District(district),
            ["chair"] = Chair(district),
            ["secretariat"] = Secretariat(district),
            ["letter_date"] = DanishDate(model.LetterDate),
            ["unsubscribe_url"] = model.UnsubscribeUrl.AbsoluteUri,
            ["follow_up_number"] = model.FollowUpNumber,
            ["is_first_follow_up"] = model.FollowUpNumber == 1,
            ["is_second_follow_up"] = model.FollowUpNumber == 2,
        };
        return Freeze(view);
    }

    /// <summary>The district as templates see it (<c>district.*</c>); campaign templates read the same values.</summary>
    public static ScriptObject District(DistrictOptions district) => Freeze(new ScriptObject
    {
        ["code"] = district.Code,
        ["name"] = district.DisplayName,
        ["leader_section"] = string.IsNullOrWhiteSpace(district.LeaderSectionName) ? "ledersektionen i " + district.DisplayName : district.LeaderSectionName,
        ["join_url"] = district.JoinUrl,
        ["municipalities"] = List(district.Municipalities),
    });

    /// <summary>The chair's signature as templates see it (<c>chair.*</c>).</summary>
    public static ScriptObject Chair(DistrictOptions district) => Freeze(new ScriptObject
    {
        ["name"] = district.Chair.Name,
        ["title"] = district.Chair.Title,
        ["closing"] = string.IsNullOrWhiteSpace(district.Chair.Closing) ? "Med venlig hilsen" : district.Chair.Closing,
        ["signature_image_url"] = string.IsNullOrWhiteSpace(district.Chair.SignatureImageUrl) ? null : district.Chair.SignatureImageUrl,
    });

    /// <summary>The leader secretariat's contacts as templates see them (<c>secretariat.*</c>).</summary>
    public static ScriptObject Secretariat(DistrictOptions district) => Freeze(new ScriptObject
    {
        ["name"] = district.Secretariat.Name,
        ["email"] = district.Secretariat.Email,
        ["phone"] = district.Secretariat.Phone,
        ["address_lines"] = List(district.Secretariat.Address.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)),
    });

    /// <summary>"1. februar 2027": the way Danish letters write a date.</summary>
    public static string DanishDate(DateOnly date) => date.ToString("d. MMMM yyyy", Danish);

    /// <summary>A read-only list of strings for a template to loop over.</summary>
    public static ScriptArray List(IEnumerable<string> items) => new(items.Cast<object>());

    private static ScriptObject Freeze(ScriptObject value) => TemplateSandbox.Freeze(value);

    // "Kære Signe" rather than "Kære Signe Løvgreen Holm": Danish letters greet by first name.
    private static string FirstName(string name)
    {
        var trimmed = name.Trim();
        var space = trimmed.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? trimmed : trimmed[..space];
    }
}
