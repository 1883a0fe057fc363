using System.Globalization;
using System.Net;
using Outreach.Core;

namespace Outreach.Functions.Hosting;

/// <summary>How the handler sits under the Functions host: its port, its app root, its configuration files.</summary>
public static class HandlerHosting
{
    /// <summary>The port the host chose for this process.</summary>
    public const string PortVariable = "FUNCTIONS_CUSTOMHANDLER_PORT";

    /// <summary>The setting naming the districts file.</summary>
    public const string DistrictsFileSetting = "Outreach:DistrictsFile";

    /// <summary>The districts file when <see cref="DistrictsFileSetting"/> is not set.</summary>
    public const string DefaultDistrictsFile = "config/districts.json";

    /// <summary>
    /// Loads the districts file (a JSON configuration file with <c>Outreach:Districts</c>) below environment variables,
    /// so that one setting can still override a value from the file.
    /// </summary>
    public static void AddDistrictsFile(this IConfigurationManager configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var file = configuration[DistrictsFileSetting] is { Length: > 0 } configured ? configured : DefaultDistrictsFile;
        var path = AppRoot.Resolve(configuration, file);
        configuration.AddJsonFile(path, optional: true, reloadOnChange: false);
        configuration.AddEnvironmentVariables();
    }

    /// <summary>
    /// Listens on 127.0.0.1 at <c>FUNCTIONS_CUSTOMHANDLER_PORT</c>, the only address the host calls. Outside Development the
    /// variable is required: without it the host would wait forever for a process listening elsewhere.
    /// </summary>
    public static void ListenOnHostPort(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var value = builder.Configuration[PortVariable];
        if (string.IsNullOrWhiteSpace(value))
        {
            if (builder.Environment.IsDevelopment())
            {
                return;
            }

            throw new InvalidOperationException(
                $"{PortVariable} is not set. The Azure Functions host sets it when it starts the custom handler; to run the handler " +
                $"by hand, set {PortVariable} (e.g. 7072) or ASPNETCORE_ENVIRONMENT=Development.");
        }

        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            throw new InvalidOperationException($"{PortVariable} is '{value}', not a TCP port number.");
        }

        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
    }
}
