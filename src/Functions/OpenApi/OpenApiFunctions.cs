using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Outreach.Functions.Staff;

namespace Outreach.Functions.OpenApi;

/// <summary>
/// The staff API's OpenAPI description (<c>OpenApi/staff.json</c>, embedded), for the people and tools that call it. It is
/// written by hand; a test compares its paths and methods with the staff functions, so it cannot drift from them.
/// </summary>
public sealed class OpenApiFunctions
{
    /// <summary>The embedded document's resource name.</summary>
    public const string ResourceName = "Outreach.Functions.OpenApi.staff.json";

    /// <summary><c>GET /api/staff/openapi/staff.json</c>, behind the same keys as the API it describes.</summary>
    [Function("StaffOpenApi")]
    [StaffAuthorize]
    public static IResult GetDocument([HttpTrigger(AuthorizationLevel.Function, "get", Route = "staff/openapi/staff.json")] HttpRequest request) =>
        TypedResults.Stream(OpenDocument(), "application/json");

    /// <summary>Opens the embedded document.</summary>
    public static Stream OpenDocument() =>
        typeof(OpenApiFunctions).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The assembly has no resource {ResourceName}.");
}
