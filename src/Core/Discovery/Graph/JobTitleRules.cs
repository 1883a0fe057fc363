using System.Text.RegularExpressions;

namespace Outreach.Core.Discovery.Graph;

/// <summary>Decides from a job title whether a person is a leader (Graph has no such flag).</summary>
public sealed class JobTitleRules
{
    private readonly string[] contains;
    private readonly string[] excludes;
    private readonly Regex[] patterns;

    /// <summary>Creates the rules from the configured lists.</summary>
    public JobTitleRules(IEnumerable<string> contains, IEnumerable<string> patterns, IEnumerable<string> excludes)
    {
        ArgumentNullException.ThrowIfNull(contains);
        ArgumentNullException.ThrowIfNull(patterns);
        ArgumentNullException.ThrowIfNull(excludes);
        this.contains = [.. contains.Where(value => !string.IsNullOrWhiteSpace(value)).Select(value => value.Trim())];
        this.excludes = [.. excludes.Where(value => !string.IsNullOrWhiteSpace(value)).Select(value => value.Trim())];
        this.patterns = [.. patterns.Select(pattern => new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))];
    }

    /// <summary>True when <paramref name="jobTitle"/> matches a rule and no exclusion.</summary>
    public bool IsLeader(string? jobTitle)
    {
        if (string.IsNullOrWhiteSpace(jobTitle))
        {
            return false;
        }

        if (excludes.Any(value => jobTitle.Contains(value, StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        return contains.Any(value => jobTitle.Contains(value, StringComparison.OrdinalIgnoreCase))
            || patterns.Any(pattern => pattern.IsMatch(jobTitle));
    }
}
