using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Outreach.Functions.Hosting;
using Outreach.Functions.Http;
using Outreach.Functions.Staff;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Configuration.AddOutreachAppFiles();

// The Azure SDK logs every request and response at Information; its warnings (retries, failures) are what matter here.
builder.Logging.AddFilter("Azure.Core", LogLevel.Warning);
builder.UseMiddleware<UnexpectedErrorMiddleware>();
builder.UseMiddleware<PublicRateLimitMiddleware>();
builder.UseMiddleware<StaffAuthorizationMiddleware>();
builder.Services.AddOutreachFunctions(builder.Configuration);
builder.Services.AddOutreachTelemetry(builder.Configuration);

await builder.Build().RunAsync().ConfigureAwait(false);
