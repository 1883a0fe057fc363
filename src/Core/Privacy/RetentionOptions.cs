namespace Outreach.Core.Privacy;

/// <summary>How long non-members who never answered are kept, under <c>Outreach:Retention</c>; validated at start.</summary>
public sealed class RetentionOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Outreach:Retention";

    /// <summary>Months of inactivity after which a non-member who never answered is erased (1 to 120).</summary>
    public int Months { get; set; } = 24;
}
