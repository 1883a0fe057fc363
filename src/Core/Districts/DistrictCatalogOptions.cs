namespace Outreach.Core.Districts;

/// <summary>The districts of this deployment, bound from the <c>Outreach</c> section (its <c>Districts</c> array).</summary>
public sealed class DistrictCatalogOptions
{
    /// <summary>Configuration section the options bind from.</summary>
    public const string Section = "Outreach";

    /// <summary>Configuration key of the district array.</summary>
    public const string DistrictsKey = Section + ":" + nameof(Districts);

    /// <summary>Every district, in configuration order.</summary>
    public IList<DistrictOptions> Districts { get; } = new List<DistrictOptions>();
}
