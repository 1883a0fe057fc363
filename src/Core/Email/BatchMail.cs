namespace Outreach.Core.Email;

/// <summary>
/// One letter to many recipients in one provider request (at most <see cref="MaxRecipients"/>): the parts are rendered
/// once and hold substitution tags, which the provider fills per recipient.
/// </summary>
public sealed record BatchMail
{
    /// <summary>SendGrid's limit of recipients per request.</summary>
    public const int MaxRecipients = 1000;

    /// <summary>Our name for the batch (<c>campaign:{id}:{number}</c>), for logs and outbox file names; no personal data.</summary>
    public required string BatchKey { get; init; }

    /// <summary>Sender.</summary>
    public required EmailAddress From { get; init; }

    /// <summary>Reply-To, or null.</summary>
    public EmailAddress? ReplyTo { get; init; }

    /// <summary>Subject line (the same for everyone).</summary>
    public required string Subject { get; init; }

    /// <summary>The text/plain part, with text substitution tags.</summary>
    public required string TextBody { get; init; }

    /// <summary>The text/html part, with HTML substitution tags.</summary>
    public required string HtmlBody { get; init; }

    /// <summary>Provider categories for reporting, e.g. <c>campaign</c>, <c>storkobenhavn</c> (at most 10).</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>The recipients (1 to <see cref="MaxRecipients"/>).</summary>
    public required IReadOnlyList<BatchMailRecipient> Recipients { get; init; }
}
