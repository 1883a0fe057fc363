using Microsoft.Extensions.Configuration;
using Outreach.Core;

namespace Outreach.Functions.Hosting;

/// <summary>Where the worker finds its files: the app root, and the districts file below the other settings.</summary>
public static class AppConfiguration
{
    /// <summary>The setting naming the districts file.</summary>
    public const string DistrictsFileSetting = "Outreach:DistrictsFile";

    /// <summary>The districts file when <see cref="DistrictsFileSetting"/> is not set.</summary>
    public const string DefaultDistrictsFile = "config/districts.json";

    /// <summary>The Functions host's script root (the app directory in Azure and under <c>func start</c>).</summary>
    public const string ScriptRootSetting = "AzureWebJobsScriptRoot";

    /// <summary>
    /// Makes relative paths in settings resolve against the app root: <c>FUNCTIONS_APP_ROOT_PATH</c> when set (DevHost sets
    /// the repository root), else the host's script root, else the working directory. Then loads the districts file (a JSON
    /// configuration file with <c>Outreach:Districts</c>) below environment variables, so a setting still overrides the file.
    /// </summary>
    public static void AddOutreachAppFiles(this IConfigurationManager configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (string.IsNullOrWhiteSpace(configuration[AppRoot.Variable]) && configuration[ScriptRootSetting] is { Length: > 0 } scriptRoot)
        {
            configuration[AppRoot.Variable] = scriptRoot;
        }

        var file = configuration[DistrictsFileSetting] is { Length: > 0 } configured ? configured : DefaultDistrictsFile;
        configuration.AddJsonFile(AppRoot.Resolve(configuration, file), optional: true, reloadOnChange: false);
        configuration.AddEnvironmentVariables();
    }
}
