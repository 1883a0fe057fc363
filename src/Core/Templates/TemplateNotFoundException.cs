namespace Outreach.Core.Templates;

/// <summary>The district has no template of that name.</summary>
public sealed class TemplateNotFoundException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TemplateNotFoundException(string district, string templateName)
        : base($"District '{district}' has no template '{templateName}'.")
    {
        District = district;
        TemplateName = templateName;
    }

    /// <summary>District code.</summary>
    public string District { get; }

    /// <summary>Template name.</summary>
    public string TemplateName { get; }
}
