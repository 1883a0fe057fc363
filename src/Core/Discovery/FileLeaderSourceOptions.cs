namespace Outreach.Core.Discovery;

/// <summary>Where the file source reads its leaders CSV (<c>Outreach:Sources:File</c>).</summary>
public sealed class FileLeaderSourceOptions
{
    /// <summary>
    /// Path of the CSV. A relative path is resolved against the app root (<c>FUNCTIONS_APP_ROOT_PATH</c> when set, else the
    /// current directory) when the options are bound.
    /// </summary>
    public string Path { get; set; } = "";
}
