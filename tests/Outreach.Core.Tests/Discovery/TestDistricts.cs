using Outreach.Core.Districts;

namespace Outreach.Core.Tests.Discovery;

/// <summary>A tiny district catalog with the two sample districts; like the real one (which binds configuration) it finds codes in any case.</summary>
internal sealed class TestDistricts : IDistrictCatalog
{
    public IReadOnlyList<DistrictOptions> All { get; } =
    [
        new DistrictOptions { Code = "storkobenhavn", DisplayName = "Socialpædagogerne Storkøbenhavn" },
        new DistrictOptions { Code = "nordjylland", DisplayName = "Socialpædagogerne Nordjylland" },
    ];

    public DistrictOptions? Find(string code) => All.FirstOrDefault(district => string.Equals(district.Code, code?.Trim(), StringComparison.OrdinalIgnoreCase));

    public DistrictOptions GetRequired(string code) => Find(code) ?? throw new KeyNotFoundException(code);
}
