using System.Globalization;
using Outreach.Core.Districts;
using Outreach.Core.Email;

namespace Outreach.Core.Imports;

/// <summary>
/// The one place where the fields every import shares are checked and read: text (trimmed, not longer than the limit,
/// never the start of a spreadsheet formula), name, e-mail address, district and dates. The leaders file and the
/// membership export both use it, so the same value gets the same answer in both.
/// </summary>
/// <remarks>
/// Each method appends the reasons a value is refused to <c>reasons</c>, worded as
/// "<c>{field} …</c>" with the column name as the file spells it, and returns the value read (null when refused or blank).
/// A value that starts with <c>=</c>, <c>+</c>, <c>-</c> or <c>@</c> refuses its row rather than being stored with a
/// <c>'</c> prefix: a name or address never starts so, a prefixed value would reach letters and exports changed, and the
/// person who sent the file gets a clear answer to fix it.
/// </remarks>
internal sealed class ImportFieldRules
{
    /// <summary>The date forms accepted: ISO 8601, and the day-first forms Danish Excel writes.</summary>
    public const string DateForms = "yyyy-mm-dd or dd-mm-yyyy";

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "d-M-yyyy", "d.M.yyyy"];

    private readonly IDistrictCatalog districts;
    private readonly int maxLength;

    public ImportFieldRules(IDistrictCatalog districts, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(districts);
        this.districts = districts;
        this.maxLength = maxLength;
    }

    /// <summary>A text value, trimmed; null when blank. Refused when too long, when it holds a control character other than a line break or tab, or when it starts as a formula.</summary>
    public string? Text(string? value, string field, List<string> reasons, bool required = false)
    {
        var trimmed = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        if (trimmed is null)
        {
            if (required)
            {
                reasons.Add($"{field} is missing");
            }

            return null;
        }

        if (trimmed.Length > maxLength)
        {
            reasons.Add(string.Create(CultureInfo.InvariantCulture, $"{field} is longer than {maxLength} characters"));
            return null;
        }

        // Excel writes a cell's line breaks and tabs as they are; any other control character is not text.
        if (trimmed.Any(c => char.IsControl(c) && c is not ('\r' or '\n' or '\t')))
        {
            reasons.Add($"{field} has an unprintable control character");
            return null;
        }

        if (ImportText.StartsAsFormula(trimmed))
        {
            reasons.Add($"{field} starts with '{trimmed[0]}', which a spreadsheet runs as a formula; remove it");
            return null;
        }

        return trimmed;
    }

    /// <summary>A person's full name; required.</summary>
    public string? Name(string? value, string field, List<string> reasons) => Text(value, field, reasons, required: true);

    /// <summary>
    /// One plain e-mail address (<see cref="EmailAddresses.IsValid"/>), trimmed as given; compare it with
    /// <see cref="EmailAddresses.Normalize"/>.
    /// </summary>
    public string? Email(string? value, string field, List<string> reasons, bool required = true)
    {
        var address = Text(value, field, reasons, required);
        if (address is not null && !EmailAddresses.IsValid(address))
        {
            reasons.Add($"{field} is not a valid e-mail address");
            return null;
        }

        return address;
    }

    /// <summary>A configured district, found by its code in any case; required. Use the returned district's canonical <see cref="DistrictOptions.Code"/>.</summary>
    public DistrictOptions? District(string? value, string field, List<string> reasons)
    {
        var code = Text(value, field, reasons, required: true);
        if (code is null)
        {
            return null;
        }

        var district = districts.Find(code);
        if (district is null)
        {
            reasons.Add($"{field} {ImportText.Quote(code)} is not a known district");
        }

        return district;
    }

    /// <summary>A calendar date in one of <see cref="DateForms"/>; null when blank.</summary>
    public DateOnly? Date(string? value, string field, List<string> reasons)
    {
        var text = Text(value, field, reasons);
        if (text is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        reasons.Add($"{field} {ImportText.Quote(text)} is not a date in the form {DateForms}");
        return null;
    }
}
