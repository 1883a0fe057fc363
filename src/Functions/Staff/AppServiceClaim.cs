using System.Text.Json.Serialization;

namespace Outreach.Functions.Staff;

/// <summary>One claim of <see cref="AppServicePrincipal"/>.</summary>
/// <param name="Type">The claim type.</param>
/// <param name="Value">The claim value.</param>
public sealed record AppServiceClaim(
    [property: JsonPropertyName("typ")] string Type,
    [property: JsonPropertyName("val")] string Value);
