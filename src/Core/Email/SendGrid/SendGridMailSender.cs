using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Outreach.Core.Email.SendGrid;

/// <summary>
/// The production mail sender: one <see cref="OutgoingMail"/> becomes one SendGrid Mail Send request with one
/// personalization, whose <c>custom_args</c> carry our delivery key so that SendGrid's events can be matched to it.
/// </summary>
public sealed partial class SendGridMailSender : IMailSender
{
    /// <summary>The custom arg that carries <see cref="OutgoingMail.DeliveryKey"/>.</summary>
    public const string DeliveryKeyArgument = "delivery_key";

    private const int MaxCategories = 10;
    private const int MaxCategoryLength = 255;

    private readonly SendGridClient client;
    private readonly SendGridOptions options;
    private readonly ILogger<SendGridMailSender> logger;

    /// <summary>Creates the sender over <paramref name="client"/>.</summary>
    public SendGridMailSender(SendGridClient client, IOptions<SendGridOptions> options, ILogger<SendGridMailSender> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.client = client;
        this.options = options.Value;
        this.logger = logger;
    }

    /// <inheritdoc />
    public Task<MailSendResult> SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mail);
        return client.SendMailAsync(ToRequest(mail), cancellationToken);
    }

    /// <summary>The request for <paramref name="mail"/>, as it is sent.</summary>
    public SendGridMailRequest ToRequest(OutgoingMail mail)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var headers = mail.UnsubscribeUrl is null
            ? null
            : new Dictionary<string, string>(StringComparer.Ordinal)
            {
                // Set by us rather than by SendGrid's subscription tracking: the link is our own signed, per-category one.
                ["List-Unsubscribe"] = "<" + mail.UnsubscribeUrl.AbsoluteUri + ">",
                ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
            };
        return new SendGridMailRequest
        {
            Personalizations =
            [
                new SendGridPersonalization
                {
                    To = [Address(mail.To)],
                    CustomArgs = new Dictionary<string, string>(StringComparer.Ordinal) { [DeliveryKeyArgument] = mail.DeliveryKey },
                },
            ],
            From = Address(mail.From),
            ReplyTo = mail.ReplyTo is null ? null : Address(mail.ReplyTo),
            Subject = mail.Subject,
            Content = [new SendGridContent("text/plain", mail.TextBody), new SendGridContent("text/html", mail.HtmlBody)],
            Categories = Categories(mail.Categories),
            Headers = headers,
            MailSettings = options.SandboxMode ? new SendGridMailSettings(new SendGridSetting(true)) : null,
        };
    }

    // SendGrid refuses names containing ';' or ',' (its limitations page); the name is only shown, so they become spaces.
    private static SendGridAddress Address(EmailAddress address)
    {
        var name = address.Name is null
            ? null
            : string.Join(' ', address.Name.Split([';', ',', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return new SendGridAddress(address.Email.Trim(), string.IsNullOrEmpty(name) ? null : name);
    }

    // At most 10 unique ASCII categories of at most 255 characters, or SendGrid refuses the whole mail.
    private List<string>? Categories(IReadOnlyList<string> categories)
    {
        var usable = categories
            .Where(category => category.Length is > 0 and <= MaxCategoryLength && category.All(character => character is >= ' ' and <= '~'))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (usable.Count > MaxCategories || usable.Count < categories.Count)
        {
            LogCategoriesDropped(logger, categories.Count - Math.Min(usable.Count, MaxCategories));
        }

        return usable.Count == 0 ? null : usable.Take(MaxCategories).ToList();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Left out {Count} categories that SendGrid would refuse (duplicate, non-ASCII, too long or more than 10)")]
    private static partial void LogCategoriesDropped(ILogger logger, int count);
}
