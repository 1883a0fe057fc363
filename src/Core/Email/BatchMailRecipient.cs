namespace Outreach.Core.Email;

/// <summary>One recipient of a batched send (one SendGrid personalization).</summary>
public sealed record BatchMailRecipient
{
    /// <summary>The recipient.</summary>
    public required EmailAddress To { get; init; }

    /// <summary>Our idempotency key for this recipient; travels in the personalization's custom args as <c>delivery_key</c>.</summary>
    public required string DeliveryKey { get; init; }

    /// <summary>The personal one-click unsubscribe link; becomes this recipient's List-Unsubscribe and List-Unsubscribe-Post headers.</summary>
    public required Uri UnsubscribeUrl { get; init; }

    /// <summary>Tag → value, already escaped for the part the tag is in (<see cref="CampaignRendering.RecipientTags"/>).</summary>
    public required IReadOnlyDictionary<string, string> Substitutions { get; init; }
}
