using Microsoft.Extensions.Configuration;

namespace Outreach.Core;

/// <summary>
/// The app root (the Functions host's script root) that relative paths in settings are resolved against:
/// <c>FUNCTIONS_APP_ROOT_PATH</c> from configuration or the environment (the host sets it), else the current directory.
/// </summary>
public static class AppRoot
{
    /// <summary>The variable the Functions host (and DevHost) set to the app root.</summary>
    public const string Variable = "FUNCTIONS_APP_ROOT_PATH";

    /// <summary>The app root as a full path.</summary>
    public static string Folder(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var root = configuration[Variable];
        if (string.IsNullOrWhiteSpace(root))
        {
            root = Environment.GetEnvironmentVariable(Variable);
        }

        return string.IsNullOrWhiteSpace(root) ? Directory.GetCurrentDirectory() : Path.GetFullPath(root);
    }

    /// <summary>Resolves <paramref name="path"/> against the app root; an absolute path stays as it is.</summary>
    public static string Resolve(IConfiguration configuration, string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return Path.GetFullPath(path, Folder(configuration));
    }
}
