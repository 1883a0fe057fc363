using System.Text.RegularExpressions;

namespace Outreach.Core.Templates;

/// <summary>
/// Finds template files: a district's own folder first, then <c>shared/</c>, so a district overrides any shared file by
/// placing one of the same name in its folder.
/// </summary>
internal sealed partial class TemplateFolders(string root)
{
    /// <summary>The fallback folder every district reads what it does not override from.</summary>
    public const string SharedFolder = "shared";

    public string Root { get; } = root;

    /// <summary>Template and folder names are single lower-case path segments, so no name can reach outside the root.</summary>
    public static bool IsValidName(string? name) => name is not null && NamePattern().IsMatch(name);

    /// <summary>The path of <paramref name="fileName"/> for <paramref name="districtFolder"/>, or null when neither folder has it.</summary>
    public string? Find(string districtFolder, string fileName)
    {
        var own = Path.Combine(Root, districtFolder, fileName);
        if (File.Exists(own))
        {
            return own;
        }

        var shared = Path.Combine(Root, SharedFolder, fileName);
        return File.Exists(shared) ? shared : null;
    }

    [GeneratedRegex("^[a-z0-9-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
