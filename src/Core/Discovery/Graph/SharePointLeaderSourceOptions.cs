namespace Outreach.Core.Discovery.Graph;

/// <summary>A SharePoint list of new leaders read through Graph (<c>Outreach:Sources:SharePoint</c>).</summary>
public sealed class SharePointLeaderSourceOptions : GraphConnectionOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Outreach:Sources:SharePoint";

    /// <summary>Graph site id, e.g. <c>contoso.sharepoint.com,{site-collection-id},{web-id}</c>.</summary>
    public string SiteId { get; set; } = "";

    /// <summary>List id (GUID) or title.</summary>
    public string ListId { get; set; } = "";

    /// <summary>District of every item, unless <see cref="SharePointColumns.District"/> names a column that has one.</summary>
    public string? District { get; set; }

    /// <summary>Which list column holds which leader field (internal column names).</summary>
    public SharePointColumns Columns { get; set; } = new();

    /// <inheritdoc />
    public override IEnumerable<string> Validate(string section)
    {
        foreach (var problem in base.Validate(section))
        {
            yield return problem;
        }

        if (string.IsNullOrWhiteSpace(SiteId))
        {
            yield return $"{section}:SiteId is required.";
        }

        if (string.IsNullOrWhiteSpace(ListId))
        {
            yield return $"{section}:ListId is required.";
        }

        if (string.IsNullOrWhiteSpace(District) && string.IsNullOrWhiteSpace(Columns.District))
        {
            yield return $"{section}:District or {section}:Columns:District is required.";
        }

        if (string.IsNullOrWhiteSpace(Columns.Name) || string.IsNullOrWhiteSpace(Columns.Email))
        {
            yield return $"{section}:Columns:Name and {section}:Columns:Email are required.";
        }
    }
}
