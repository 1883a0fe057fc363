using Microsoft.Extensions.Options;

namespace Outreach.Core.Templates;

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
