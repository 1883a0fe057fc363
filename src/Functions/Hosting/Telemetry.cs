using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace Outreach.Functions.Hosting;

/// <summary>
/// OpenTelemetry in the worker: the invocation's trace (continued from the host's) with the Azure SDK's spans (queue and
/// Table calls) and HttpClient's (SendGrid, Graph), exported to Application Insights when a connection string is set.
/// Spans carry ids and URLs only: .NET redacts query values, Azure.Core logs no bodies, and our code tags no names or addresses.
/// </summary>
public static class Telemetry
{
    /// <summary>The setting holding Application Insights' connection string; without it nothing is exported.</summary>
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>The platform's setting for Entra ingestion: <c>Authorization=AAD;ClientId=&lt;managed identity&gt;</c>.</summary>
    public const string AuthenticationStringSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    /// <summary>Adds tracing and, with a connection string, the Azure Monitor exporter.</summary>
    public static IServiceCollection AddOutreachTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        // The Azure SDK creates ActivitySource spans only with this switch (Azure.Core still calls them experimental).
        AppContext.SetSwitch("Azure.Experimental.EnableActivitySource", true);
        var telemetry = services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddSource("Azure.*").AddSource("System.Net.Http"));
        telemetry.UseFunctionsWorkerDefaults();
        if (configuration[ConnectionStringSetting] is { Length: > 0 } connectionString)
        {
            telemetry.UseAzureMonitorExporter(options =>
            {
                options.ConnectionString = connectionString;
                if (ManagedIdentityClientId(configuration[AuthenticationStringSetting]) is { } clientId)
                {
                    options.Credential = new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
                }
            });
        }

        return services;
    }

    // "Authorization=AAD;ClientId=..." → the client id; null without Entra ingestion.
    private static string? ManagedIdentityClientId(string? authenticationString)
    {
        var parts = (authenticationString ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.OrdinalIgnoreCase);
        return parts.TryGetValue("Authorization", out var authorization) && authorization.Equals("AAD", StringComparison.OrdinalIgnoreCase)
            && parts.TryGetValue("ClientId", out var clientId) && clientId.Length > 0
            ? clientId
            : null;
    }
}
