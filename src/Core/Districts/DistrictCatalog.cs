using Microsoft.Extensions.Options;

namespace Outreach.Core.Districts;

/// <summary>The configured districts, looked up by code (case-insensitively, since codes also arrive in URLs and CSV files).</summary>
internal sealed class DistrictCatalog : IDistrictCatalog
{
    private readonly Dictionary<string, DistrictOptions> byCode;

    public DistrictCatalog(IOptions<DistrictCatalogOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);

        // Reading Value runs the validator, so a catalog exists only for a valid configuration.
        All = [.. options.Value.Districts];
        byCode = All.ToDictionary(district => district.Code, StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyList<DistrictOptions> All { get; }

    public DistrictOptions? Find(string code) =>
        !string.IsNullOrEmpty(code) && byCode.TryGetValue(code.Trim(), out var district) ? district : null;

    public DistrictOptions GetRequired(string code) =>
        Find(code) ?? throw new KeyNotFoundException(
            $"There is no district '{code}' in {DistrictCatalogOptions.DistrictsKey}; the configured districts are {string.Join(", ", All.Select(district => district.Code))}.");
}
