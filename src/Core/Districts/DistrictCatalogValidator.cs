using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Outreach.Core.Email;

namespace Outreach.Core.Districts;

/// <summary>
/// Checks every district at start and reports all problems at once, each naming its configuration key, so that a
/// broken districts file stops the app before a single letter goes out with a wrong sender or signature.
/// </summary>
internal sealed partial class DistrictCatalogValidator : IValidateOptions<DistrictCatalogOptions>
{
    public ValidateOptionsResult Validate(string? name, DistrictCatalogOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (options.Districts.Count == 0)
        {
            problems.Add($"{DistrictCatalogOptions.DistrictsKey} must list at least one district (see config/districts.json).");
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var index = 0; index < options.Districts.Count; index++)
        {
            var district = options.Districts[index];
            var key = $"{DistrictCatalogOptions.DistrictsKey}:{index}";
            if (district is null)
            {
                problems.Add($"{key} is empty.");
                continue;
            }

            ValidateDistrict(district, key, problems);
            if (!string.IsNullOrEmpty(district.Code) && !seen.Add(district.Code))
            {
                problems.Add($"{key}:Code '{district.Code}' is used by more than one district.");
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static void ValidateDistrict(DistrictOptions district, string key, List<string> problems)
    {
        if (!CodePattern().IsMatch(district.Code))
        {
            problems.Add($"{key}:Code must be lower-case letters, digits and hyphens (e.g. storkobenhavn), not '{district.Code}'.");
        }

        Require(district.DisplayName, $"{key}:DisplayName", problems);
        Require(district.Chair?.Name, $"{key}:Chair:Name", problems);
        Require(district.Chair?.Title, $"{key}:Chair:Title", problems);
        if (district.Chair?.SignatureImageUrl is { Length: > 0 } signature && !IsAbsolute(signature, httpsOnly: true))
        {
            problems.Add($"{key}:Chair:SignatureImageUrl must be an absolute https URL.");
        }

        if (!EmailAddresses.IsValid(district.Sender?.Email))
        {
            problems.Add($"{key}:Sender:Email must be one valid e-mail address.");
        }

        Require(district.Sender?.Name, $"{key}:Sender:Name", problems);
        if (!string.IsNullOrWhiteSpace(district.ReplyTo) && !EmailAddresses.IsValid(district.ReplyTo))
        {
            problems.Add($"{key}:ReplyTo must be one valid e-mail address when set.");
        }

        if (!string.IsNullOrWhiteSpace(district.Secretariat?.Email) && !EmailAddresses.IsValid(district.Secretariat.Email))
        {
            problems.Add($"{key}:Secretariat:Email must be one valid e-mail address when set.");
        }

        if (district.Municipalities.Any(string.IsNullOrWhiteSpace))
        {
            problems.Add($"{key}:Municipalities must not contain empty names.");
        }

        if (district.FollowUpDelayDays <= 0)
        {
            problems.Add($"{key}:FollowUpDelayDays must be a positive number of days.");
        }

        if (district.SecondFollowUpDelayDays is { } second && second <= district.FollowUpDelayDays)
        {
            problems.Add($"{key}:SecondFollowUpDelayDays ({second}) counts from the welcome too, so it must be larger than FollowUpDelayDays ({district.FollowUpDelayDays}).");
        }

        if (district.TemplateFolder is { } folder && !CodePattern().IsMatch(folder))
        {
            problems.Add($"{key}:TemplateFolder must be one folder name of lower-case letters, digits and hyphens, not '{folder}'.");
        }

        if (!LanguagePattern().IsMatch(district.Language ?? ""))
        {
            problems.Add($"{key}:Language must be a two-letter ISO 639-1 code such as 'da'.");
        }

        if (!IsAbsolute(district.JoinUrl, httpsOnly: false))
        {
            problems.Add($"{key}:JoinUrl must be the absolute http(s) URL where non-members sign up.");
        }
    }

    private static void Require(string? value, string key, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add($"{key} is required.");
        }
    }

    private static bool IsAbsolute(string? value, bool httpsOnly) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || (!httpsOnly && uri.Scheme == Uri.UriSchemeHttp));

    [GeneratedRegex("^[a-z0-9-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();

    [GeneratedRegex("^[a-z]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex LanguagePattern();
}
