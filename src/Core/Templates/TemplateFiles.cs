using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Scriban;

namespace Outreach.Core.Templates;

/// <summary>
/// Finds and parses template files: a district's own folder first, then <c>shared/</c>, so a district overrides any
/// shared file by placing one of the same name in its folder. Each file is parsed once and kept; a change on disk is
/// seen after a restart.
/// </summary>
internal sealed partial class TemplateFiles(string root)
{
    /// <summary>The fallback folder every district reads what it does not override from.</summary>
    public const string SharedFolder = "shared";

    /// <summary>The extension of every template file (Scriban's own).</summary>
    public const string Extension = ".sbn";

    private readonly ConcurrentDictionary<string, Lazy<Template>> parsed = new(StringComparer.Ordinal);

    public string Root { get; } = root;

    /// <summary>Template and folder names are single lower-case path segments, so no name can reach outside the root.</summary>
    public static bool IsValidName(string? name) => name is not null && NamePattern().IsMatch(name);

    /// <summary>The path of <paramref name="fileName"/> for <paramref name="folder"/>, or null when neither folder has it.</summary>
    public string? Find(string folder, string fileName)
    {
        var own = Path.Combine(Root, folder, fileName);
        if (File.Exists(own))
        {
            return own;
        }

        var shared = Path.Combine(Root, SharedFolder, fileName);
        return File.Exists(shared) ? shared : null;
    }

    /// <summary>The parsed template at <paramref name="path"/>; throws <see cref="InvalidDataException"/> naming the file when it is not valid Scriban.</summary>
    public Template Parse(string path)
    {
        var lazy = parsed.GetOrAdd(path, key => new Lazy<Template>(() => ParseFile(key), LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return lazy.Value;
        }
        catch
        {
            // A failed parse is not remembered: a file fixed later is read again on the next letter.
            parsed.TryRemove(new KeyValuePair<string, Lazy<Template>>(path, lazy));
            throw;
        }
    }

    /// <summary><c>shared</c> and every district folder under the root.</summary>
    public IReadOnlyList<string> Folders() =>
        [SharedFolder, .. Directory.EnumerateDirectories(Root).Select(Path.GetFileName).OfType<string>().Where(name => name != SharedFolder && IsValidName(name)).Order(StringComparer.Ordinal)];

    /// <summary>The names of the files ending in <paramref name="suffix"/> that <paramref name="folder"/> can use, its own and the shared ones.</summary>
    public IReadOnlyList<string> Names(string folder, string suffix) =>
        [.. new[] { folder, SharedFolder }
            .Select(name => Path.Combine(Root, name))
            .Where(Directory.Exists)
            .SelectMany(directory => Directory.EnumerateFiles(directory, "*" + suffix))
            .Select(path => Path.GetFileName(path)[..^suffix.Length])
            .Where(IsValidName)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];

    private static Template ParseFile(string path) => TemplateSandbox.Parse(File.ReadAllText(path), path);

    [GeneratedRegex("^[a-z0-9-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
