using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Outreach.Functions.Hosting;
using Outreach.Functions.Http;
using Outreach.Functions.Staff;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Configuration.AddOutreachAppFiles();
builder.UseMiddleware<UnexpectedErrorMiddleware>();
builder.UseMiddleware<PublicRateLimitMiddleware>();
builder.UseMiddleware<StaffAuthorizationMiddleware>();
builder.Services.AddOutreachFunctions(builder.Configuration);
builder.Services.AddOutreachTelemetry(builder.Configuration);

await builder.Build().RunAsync().ConfigureAwait(false);
