using Microsoft.Extensions.Logging.Console;
using Outreach.Core;
using Outreach.Functions.Hosting;
using Outreach.Functions.Invocations;
using Outreach.Functions.Leaders;
using Outreach.Functions.Staff;
using Outreach.Functions.Unsubscribe;

var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
{
    Args = args,
    ContentRootPath = AppRoot.Folder(new ConfigurationBuilder().AddEnvironmentVariables().Build()),
});
builder.ListenOnHostPort();
builder.Configuration.AddDistrictsFile();

// The host captures stdout and stderr; warnings and errors go to stderr so a failed invocation's reason stands out.
builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
builder.Services.Configure<ConsoleLoggerOptions>(console => console.LogToStandardErrorThreshold = LogLevel.Warning);

builder.Services.AddProblemDetails();
builder.Services.ConfigureHttpJsonOptions(json =>
{
    json.SerializerOptions.TypeInfoResolverChain.Insert(0, LeaderJsonContext.Default);
    json.SerializerOptions.TypeInfoResolverChain.Insert(0, StaffJsonContext.Default);
});
builder.Services.AddStaffAuthentication(builder.Configuration);
builder.Services.AddOutreachCore(builder.Configuration);
builder.Services.AddLeaderFunctions();
builder.Services.AddOpenApi(StaffOpenApi.DocumentName);

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();

// The host's readiness probe: any answer on "/" means the handler is up.
app.MapGet("/", () => TypedResults.Ok()).ExcludeFromDescription();
app.MapPayloadFunctions();

// Forwarded HTTP functions: StaffApi (route staff/{*path}) and PublicApi (route public/{*path}) under the "api" prefix.
var api = app.MapGroup("/api");
api.MapGroup("/staff").RequireAuthorization(StaffPolicies.Staff).MapStaffEndpoints().MapLeaderEndpoints().MapStaffOpenApi();
api.MapGroup("/public").AllowAnonymous().MapUnsubscribeEndpoints();

await app.RunAsync().ConfigureAwait(false);

/// <summary>The handler's entry point (public for WebApplicationFactory in the tests).</summary>
public partial class Program;
