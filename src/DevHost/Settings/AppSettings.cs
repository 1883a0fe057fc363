using System.Collections;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Outreach.DevHost.Settings;

/// <summary>
/// The app settings DevHost gives the worker, as <c>func start</c> does: the <c>Values</c> of <c>local.settings.json</c>
/// (or, on a fresh clone, of <c>local.settings.sample.json</c>), where a variable already set in DevHost's own environment
/// wins, so a person or a test can point one setting elsewhere without editing a file.
/// </summary>
public sealed partial class AppSettings
{
    /// <summary>The settings file a developer keeps (git-ignored).</summary>
    public const string LocalSettingsFile = "local.settings.json";

    /// <summary>The committed sample used when there is no local settings file.</summary>
    public const string SampleSettingsFile = "local.settings.sample.json";

    private readonly Dictionary<string, string> values;
    private readonly IDictionary environment;

    private AppSettings(Dictionary<string, string> values, IDictionary environment, string? source, IReadOnlyCollection<string> fromEnvironment, int? localHttpPort = null)
    {
        LocalHttpPort = localHttpPort;
        this.values = values;
        this.environment = environment;
        Source = source;
        FromEnvironment = fromEnvironment;
    }

    /// <summary>The file the values came from, or null when there was none.</summary>
    public string? Source { get; }

    /// <summary>The settings whose value came from DevHost's environment rather than the file (names only: values may be secrets).</summary>
    public IReadOnlyCollection<string> FromEnvironment { get; }

    /// <summary><c>Host.LocalHttpPort</c> of the settings file, or null.</summary>
    public int? LocalHttpPort { get; }

    /// <summary>Every setting by its environment-variable name (<c>:</c> written as <c>__</c>).</summary>
    public IReadOnlyDictionary<string, string> Values => values;

    /// <summary>
    /// Loads the settings of the settings root <paramref name="settingsRoot"/>; <paramref name="environment"/> is DevHost's environment
    /// (defaults to the process's).
    /// </summary>
    public static AppSettings Load(string settingsRoot, IDictionary? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariables();
        var source = new[] { LocalSettingsFile, SampleSettingsFile }
            .Select(name => Path.Combine(settingsRoot, name))
            .FirstOrDefault(File.Exists);
        var (fileValues, localHttpPort) = source is null ? (new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase), null) : ReadFile(source);

        var merged = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var fromEnvironment = new List<string>();
        foreach (var (name, value) in fileValues)
        {
            var variable = ToVariableName(name);
            if (environment[variable] is string overridden)
            {
                merged[variable] = overridden;
                fromEnvironment.Add(variable);
            }
            else
            {
                merged[variable] = value;
            }
        }

        return new AppSettings(merged, environment, source, fromEnvironment, localHttpPort);
    }

    /// <summary>Settings given directly (tests).</summary>
    public static AppSettings FromValues(IEnumerable<KeyValuePair<string, string>> values) =>
        new(values.ToDictionary(pair => ToVariableName(pair.Key), pair => pair.Value, StringComparer.OrdinalIgnoreCase), new Hashtable(), null, []);

    /// <summary>The environment-variable form of a configuration key: <c>Outreach:Mail:Mode</c> becomes <c>Outreach__Mail__Mode</c>.</summary>
    public static string ToVariableName(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.Replace(":", "__", StringComparison.Ordinal);
    }

    /// <summary>
    /// A setting (<c>:</c> or <c>__</c> in the name), or null. A variable of DevHost's environment that the file does not name
    /// counts too: the worker inherits it.
    /// </summary>
    public string? this[string name] =>
        values.GetValueOrDefault(ToVariableName(name)) ?? environment[ToVariableName(name)] as string;

    /// <summary>Sets or replaces one setting (DevHost's own choices, e.g. the Azurite connection string it started).</summary>
    public void Set(string name, string value) => values[ToVariableName(name)] = value;

    /// <summary>Replaces <c>%Name%</c> by the setting <c>Name</c>, as the host does in binding expressions (e.g. a schedule or a queue name).</summary>
    public string Resolve(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return SettingReference().Replace(text, match =>
            this[match.Groups["name"].Value] ?? throw new InvalidOperationException($"'{text}' refers to the setting {match.Groups["name"].Value}, which is not set."));
    }

    private static (Dictionary<string, string> Values, int? LocalHttpPort) ReadFile(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(file), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        int? port = document.RootElement.TryGetProperty("Host", out var hostElement) && hostElement.ValueKind == JsonValueKind.Object &&
                    hostElement.TryGetProperty(nameof(LocalHttpPort), out var portElement) && portElement.TryGetInt32(out var value)
            ? value
            : null;
        if (!document.RootElement.TryGetProperty(nameof(Values), out var valuesElement) || valuesElement.ValueKind != JsonValueKind.Object)
        {
            return (result, port);
        }

        foreach (var property in valuesElement.EnumerateObject())
        {
            result[property.Name] = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString() ?? "",
                JsonValueKind.Null => "",
                _ => property.Value.GetRawText(),
            };
        }

        return (result, port);
    }

    [GeneratedRegex("%(?<name>[A-Za-z0-9_:.-]+)%")]
    private static partial Regex SettingReference();
}
