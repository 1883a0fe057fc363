namespace Outreach.DevHost.AppModel;

/// <summary>
/// The app folder's <c>worker.config.json</c>, as the host reads it to start the language worker: the executable
/// (<c>dotnet</c>, or a published apphost) and the worker path it is given.
/// </summary>
/// <param name="Language">The worker's language (<c>dotnet-isolated</c>).</param>
/// <param name="Executable">What to run: <c>dotnet</c> or a full path.</param>
/// <param name="Arguments">The arguments before the host's own (the worker assembly for <c>dotnet</c>).</param>
public sealed record WorkerConfig(string Language, string Executable, IReadOnlyList<string> Arguments)
{
    /// <summary>The file the host looks for in the app folder.</summary>
    public const string FileName = "worker.config.json";

    /// <summary>Reads <c>worker.config.json</c> of <paramref name="appFolder"/>; throws <see cref="InvalidDataException"/> saying what is missing.</summary>
    public static WorkerConfig Load(string appFolder)
    {
        var file = Path.Combine(appFolder, FileName);
        if (!File.Exists(file))
        {
            throw new InvalidDataException(
                $"No {FileName} in {appFolder}: DevHost runs a built .NET isolated worker (build the Functions app first, or pass --app <its output folder>).");
        }

        var description = JsonProperties.Child(JsonProperties.ReadFile(file), "description")
            ?? throw new InvalidDataException($"{file} has no \"description\".");
        var language = JsonProperties.Text(description, "language") ?? "";

        // The host replaces {WorkerRoot} by the folder of worker.config.json (with a trailing separator).
        string Expand(string value) => value.Replace("{WorkerRoot}", appFolder + Path.DirectorySeparatorChar, StringComparison.Ordinal);
        var executable = Expand(JsonProperties.Text(description, "defaultExecutablePath") ?? "dotnet");
        var workerPath = JsonProperties.Text(description, "defaultWorkerPath") is { Length: > 0 } path ? Expand(path) : null;
        var arguments = new List<string>(JsonProperties.Strings(description, "arguments").Select(Expand));
        if (workerPath is not null)
        {
            var fullWorkerPath = Path.GetFullPath(workerPath, appFolder);
            if (!File.Exists(fullWorkerPath))
            {
                throw new InvalidDataException($"{file}: the worker {fullWorkerPath} does not exist.");
            }

            arguments.Add(fullWorkerPath);
        }

        if (Path.IsPathRooted(executable) || executable.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            executable = Path.GetFullPath(executable, appFolder);
        }

        return new WorkerConfig(language, executable, arguments);
    }
}
