namespace Outreach.Core.Email;

/// <summary>One mail to one recipient, fully rendered.</summary>
public sealed record OutgoingMail
{
    /// <summary>Sender.</summary>
    public required EmailAddress From { get; init; }

    /// <summary>Reply-To, or null.</summary>
    public EmailAddress? ReplyTo { get; init; }

    /// <summary>The recipient.</summary>
    public required EmailAddress To { get; init; }

    /// <summary>Subject line.</summary>
    public required string Subject { get; init; }

    /// <summary>The text/plain part.</summary>
    public required string TextBody { get; init; }

    /// <summary>The text/html part.</summary>
    public required string HtmlBody { get; init; }

    /// <summary>Our idempotency key for this send, e.g. <c>welcome:{leaderId}</c>; travels in custom args.</summary>
    public required string DeliveryKey { get; init; }

    /// <summary>Provider categories for reporting, e.g. <c>welcome</c>, <c>storkobenhavn</c> (at most 10).</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>Personal one-click unsubscribe link; produces List-Unsubscribe and List-Unsubscribe-Post (RFC 8058).</summary>
    public Uri? UnsubscribeUrl { get; init; }
}
