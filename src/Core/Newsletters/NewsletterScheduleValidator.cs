using Microsoft.Extensions.Options;
using Outreach.Core.Districts;

namespace Outreach.Core.Newsletters;

/// <summary>
/// Checks every district's <see cref="DistrictOptions.NewsletterSchedule"/> at start (beside
/// <see cref="DistrictCatalogValidator"/>), so a mistyped schedule stops the app instead of silently never sending.
/// </summary>
internal sealed class NewsletterScheduleValidator : IValidateOptions<DistrictCatalogOptions>
{
    public ValidateOptionsResult Validate(string? name, DistrictCatalogOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        for (var index = 0; index < options.Districts.Count; index++)
        {
            var schedule = options.Districts[index]?.NewsletterSchedule;
            if (!string.IsNullOrWhiteSpace(schedule) && !NewsletterSchedule.TryParse(schedule, out _, out var problem))
            {
                problems.Add($"{DistrictCatalogOptions.DistrictsKey}:{index}:NewsletterSchedule {problem}");
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
