using System.Text.RegularExpressions;

namespace Outreach.Core.Discovery.Graph;

/// <summary>The Microsoft Graph users delta source (<c>Outreach:Sources:Graph</c>).</summary>
public sealed class GraphLeaderSourceOptions : GraphConnectionOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Outreach:Sources:Graph";

    /// <summary>A job title containing any of these (case-insensitive) marks a leader, e.g. <c>leder</c>, <c>souschef</c>.</summary>
    public IList<string> JobTitleContains { get; } = [];

    /// <summary>A job title matching any of these regular expressions (case-insensitive) marks a leader.</summary>
    public IList<string> JobTitlePatterns { get; } = [];

    /// <summary>A job title containing any of these (case-insensitive) is never a leader, e.g. <c>lederassistent</c>.</summary>
    public IList<string> JobTitleExcludes { get; } = [];

    /// <summary>
    /// Only people hired within this many days before today (or hired with a future start date) are selected;
    /// 0 selects regardless of hire date. People without a hire date are not selected when this is above 0.
    /// </summary>
    public int HiredWithinDays { get; set; } = 90;

    /// <summary>District for people no mapping matches; blank reports them as problems.</summary>
    public string? DefaultDistrict { get; set; }

    /// <summary>District code by Entra <c>department</c> (case-insensitive).</summary>
    public IDictionary<string, string> DistrictByDepartment { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>District code by Entra <c>companyName</c> (case-insensitive); used when no department matches.</summary>
    public IDictionary<string, string> DistrictByCompany { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override IEnumerable<string> Validate(string section)
    {
        foreach (var problem in base.Validate(section))
        {
            yield return problem;
        }

        if (JobTitleContains.Count == 0 && JobTitlePatterns.Count == 0)
        {
            yield return $"{section}: at least one of JobTitleContains or JobTitlePatterns is required, or every user would be a leader.";
        }

        foreach (var pattern in JobTitlePatterns)
        {
            string? error = null;
            try
            {
                _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
            }
            catch (ArgumentException exception)
            {
                error = exception.Message;
            }

            if (error is not null)
            {
                yield return $"{section}:JobTitlePatterns '{pattern}' is not a valid regular expression: {error}";
            }
        }

        if (HiredWithinDays < 0)
        {
            yield return $"{section}:HiredWithinDays must be 0 or more.";
        }
    }
}
