using System.Text.Json.Serialization;

namespace Outreach.Core.Email.SendGrid;

/// <summary>The body of <c>POST /v3/mail/send</c>, in SendGrid's shape (only the fields Outreach uses).</summary>
public sealed record SendGridMailRequest
{
    /// <summary>One entry per recipient (at most 1000 per request); each carries its own custom args.</summary>
    public required IReadOnlyList<SendGridPersonalization> Personalizations { get; init; }

    /// <summary>The sender.</summary>
    public required SendGridAddress From { get; init; }

    /// <summary>Reply-To, or null.</summary>
    public SendGridAddress? ReplyTo { get; init; }

    /// <summary>The subject line.</summary>
    public required string Subject { get; init; }

    /// <summary>The parts: text/plain first, then text/html (SendGrid requires that order).</summary>
    public required IReadOnlyList<SendGridContent> Content { get; init; }

    /// <summary>At most 10 ASCII categories, or null.</summary>
    public IReadOnlyList<string>? Categories { get; init; }

    /// <summary>Extra headers (List-Unsubscribe and List-Unsubscribe-Post), or null.</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    /// <summary>Mail settings (sandbox mode), or null.</summary>
    public SendGridMailSettings? MailSettings { get; init; }
}

/// <summary>One recipient's envelope.</summary>
public sealed record SendGridPersonalization
{
    /// <summary>The recipients.</summary>
    public required IReadOnlyList<SendGridAddress> To { get; init; }

    /// <summary>
    /// Values SendGrid returns on every event of this mail (our delivery key). Kept per personalization: the OpenAPI
    /// description types the top-level <c>custom_args</c> as a string by mistake, while this one is typed right.
    /// </summary>
    public IReadOnlyDictionary<string, string>? CustomArgs { get; init; }
}

/// <summary>An address with an optional display name.</summary>
/// <param name="Email">The address.</param>
/// <param name="Name">The display name, or null.</param>
public sealed record SendGridAddress(string Email, string? Name = null);

/// <summary>One content part.</summary>
/// <param name="Type">The media type, e.g. <c>text/plain</c>.</param>
/// <param name="Value">The content.</param>
public sealed record SendGridContent(string Type, string Value);

/// <summary>The mail settings Outreach uses.</summary>
/// <param name="SandboxMode">Validate only, deliver nothing.</param>
public sealed record SendGridMailSettings(SendGridSetting? SandboxMode);

/// <summary>A setting that is switched on or off.</summary>
/// <param name="Enable">Whether it is on.</param>
public sealed record SendGridSetting(bool Enable);

/// <summary>SendGrid's error answer: <c>{"errors":[{"message":…,"field":…,"help":…}]}</c>.</summary>
/// <param name="Errors">The errors, or null when the body had none.</param>
public sealed record SendGridErrorResponse(IReadOnlyList<SendGridError>? Errors);

/// <summary>One error; <c>help</c> is left out, because SendGrid sends a string where its description says object.</summary>
/// <param name="Message">What is wrong.</param>
/// <param name="Field">The field at fault, or null.</param>
public sealed record SendGridError(string? Message, string? Field);

/// <summary>Source-generated JSON for the SendGrid wire types (snake_case, nulls left out).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SendGridMailRequest))]
[JsonSerializable(typeof(SendGridErrorResponse))]
public sealed partial class SendGridJsonContext : JsonSerializerContext;
