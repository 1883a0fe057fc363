namespace Outreach.Core.Email;

/// <summary>How mail leaves the application.</summary>
public enum MailMode
{
    /// <summary>Each mail is written as an <c>.eml</c> file into the outbox folder (the local default).</summary>
    Outbox,

    /// <summary>Each mail is sent through SendGrid's v3 Mail Send API.</summary>
    SendGrid,
}
