using Microsoft.Extensions.Options;

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

/// <summary>Stops the app at start when the templates root is missing, rather than at the first letter.</summary>
internal sealed class TemplateOptionsValidator : IValidateOptions<TemplateOptions>
{
    public ValidateOptionsResult Validate(string? name, TemplateOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Path) || !Directory.Exists(options.Path))
        {
            return ValidateOptionsResult.Fail($"{TemplateOptions.Section}:Path must name the templates folder; '{options.Path}' does not exist.");
        }

        return Directory.Exists(System.IO.Path.Combine(options.Path, TemplateFiles.SharedFolder))
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"The templates folder '{options.Path}' has no '{TemplateFiles.SharedFolder}' folder with the shared layout.");
    }
}
