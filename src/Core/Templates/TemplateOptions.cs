namespace Outreach.Core.Templates;

/// <summary>Where the letter templates live (<c>Outreach:Templates</c>).</summary>
public sealed class TemplateOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Outreach:Templates";

    /// <summary>The folder when <c>Outreach:Templates:Path</c> is not set.</summary>
    public const string DefaultPath = "templates";

    /// <summary>
    /// The templates root, holding one folder per district and <c>shared/</c>. A relative path is resolved against the app
    /// root (<c>FUNCTIONS_APP_ROOT_PATH</c> when set, else the current directory) when the options are bound.
    /// </summary>
    public string Path { get; set; } = DefaultPath;
}
