namespace Outreach.Bench;

/// <summary>The repository's root folder (the one holding Outreach.sln), found from the executable upwards.</summary>
internal static class RepositoryRoot
{
    private static readonly Lazy<string> Folder = new(Find);

    /// <summary>The root folder.</summary>
    public static string Path => Folder.Value;

    private static string Find()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(System.IO.Path.Combine(folder.FullName, "Outreach.sln")))
                {
                    return folder.FullName;
                }
            }
        }

        throw new InvalidOperationException("Outreach.sln was not found above " + AppContext.BaseDirectory);
    }
}
