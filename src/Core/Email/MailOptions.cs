namespace Outreach.Core.Email;

/// <summary>The mail settings under <c>Outreach:Mail</c>.</summary>
public sealed class MailOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Outreach:Mail";

    /// <summary>Which sender is used (<c>Outreach:Mail:Mode</c>); <see cref="MailMode.Outbox"/> unless configured.</summary>
    public MailMode Mode { get; set; } = MailMode.Outbox;

    /// <summary>
    /// The outbox folder (<c>Outreach:Mail:OutboxPath</c>, default <c>outbox</c>); a relative path is resolved against the
    /// app root when the options are bound.
    /// </summary>
    public string OutboxPath { get; set; } = "outbox";
}
