namespace Outreach.Core.Districts;

/// <summary>The districts this deployment serves, bound from <c>Outreach:Districts</c> and validated at start.</summary>
public interface IDistrictCatalog
{
    /// <summary>Every district, in configuration order.</summary>
    IReadOnlyList<DistrictOptions> All { get; }

    /// <summary>Returns the district with <paramref name="code"/>, or null when there is none.</summary>
    DistrictOptions? Find(string code);

    /// <summary>Returns the district with <paramref name="code"/>; throws <see cref="KeyNotFoundException"/> when there is none.</summary>
    DistrictOptions GetRequired(string code);
}
