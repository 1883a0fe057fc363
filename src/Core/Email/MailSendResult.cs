namespace Outreach.Core.Email;

/// <summary>What the provider said when it accepted a mail.</summary>
/// <param name="ProviderMessageId">
/// SendGrid's X-Message-Id, or the outbox file's Message-ID without angle brackets (its local part is the file name
/// without <c>.eml</c>); null when the provider gave none (sandbox).
/// </param>
public sealed record MailSendResult(string? ProviderMessageId);
