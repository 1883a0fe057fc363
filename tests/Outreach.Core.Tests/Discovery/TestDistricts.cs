using Outreach.Core.Districts;

namespace Outreach.Core.Tests.Discovery;

/// <summary>A tiny district catalog with the two sample districts (the real one binds configuration).</summary>
internal sealed class TestDistricts : IDistrictCatalog
{
    public IReadOnlyList<DistrictOptions> All { get; } =
    [
        new DistrictOptions { Code = "storkobenhavn", DisplayName = "Socialpædagogerne Storkøbenhavn" },
        new DistrictOptions { Code = "nordjylland", DisplayName = "Socialpædagogerne Nordjylland" },
    ];

    public DistrictOptions? Find(string code) => All.FirstOrDefault(district => district.Code == code);

    public DistrictOptions GetRequired(string code) => Find(code) ?? throw new KeyNotFoundException(code);
}
