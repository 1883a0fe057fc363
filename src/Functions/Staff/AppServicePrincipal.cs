using System.Text.Json.Serialization;

namespace Outreach.Functions.Staff;

/// <summary>App Service authentication's client principal (the decoded <c>X-MS-CLIENT-PRINCIPAL</c> header).</summary>
/// <param name="AuthenticationType">The provider, e.g. <c>aad</c>.</param>
/// <param name="NameType">The claim type holding the name.</param>
/// <param name="RoleType">The claim type holding roles.</param>
/// <param name="Claims">The claims.</param>
public sealed record AppServicePrincipal(
    [property: JsonPropertyName("auth_typ")] string? AuthenticationType,
    [property: JsonPropertyName("name_typ")] string? NameType,
    [property: JsonPropertyName("role_typ")] string? RoleType,
    [property: JsonPropertyName("claims")] IReadOnlyList<AppServiceClaim>? Claims);
