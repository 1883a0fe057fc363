using SendGrid.Helpers.Mail;
using SendGridAddress = SendGrid.Helpers.Mail.EmailAddress;

namespace Outreach.Core.Email.SendGrid;

/// <summary>
/// Turns one <see cref="OutgoingMail"/> into the SendGrid package's <see cref="SendGridMessage"/>: one personalization
/// for the one recipient, whose <c>custom_args</c> carry our delivery key so that SendGrid's events can be matched to it;
/// and one <see cref="BatchMail"/> into one message with a personalization per recipient.
/// </summary>
public static class SendGridMessages
{
    /// <summary>The custom arg that carries <see cref="OutgoingMail.DeliveryKey"/>.</summary>
    public const string DeliveryKeyArgument = "delivery_key";

    /// <summary>SendGrid refuses a mail with more categories than this.</summary>
    public const int MaxCategories = 10;

    private const int MaxCategoryLength = 255;

    /// <summary>
    /// The message for <paramref name="mail"/>. Names lose <c>;</c> and <c>,</c> and categories are reduced to at most 10
    /// unique printable-ASCII ones of at most 255 characters, because SendGrid refuses the whole mail otherwise;
    /// <paramref name="droppedCategories"/> says how many were left out.
    /// </summary>
    public static SendGridMessage Create(OutgoingMail mail, bool sandboxMode, out int droppedCategories)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var message = new SendGridMessage
        {
            From = Address(mail.From),
            Subject = mail.Subject,

            // Serialize() puts text/plain before text/html, the order SendGrid requires.
            PlainTextContent = mail.TextBody,
            HtmlContent = mail.HtmlBody,
        };
        message.AddTo(Address(mail.To));

        // Per personalization, never at the top level: SendGrid's OpenAPI description types the top-level custom_args as
        // a string by mistake (tests/Outreach.Testing/SendGrid/openapi/README.md), while this one is typed right.
        message.AddCustomArg(DeliveryKeyArgument, mail.DeliveryKey);
        if (mail.UnsubscribeUrl is not null)
        {
            // Set by us rather than by SendGrid's subscription tracking: the link is our own signed one (RFC 8058).
            message.AddGlobalHeader("List-Unsubscribe", "<" + mail.UnsubscribeUrl.AbsoluteUri + ">");
            message.AddGlobalHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }

        droppedCategories = SetReplyToCategoriesAndSandbox(message, mail.ReplyTo, mail.Categories, sandboxMode);
        return message;
    }

    /// <summary>
    /// The one message for <paramref name="mail"/>: the parts, subject, sender and categories once, and per recipient a
    /// personalization with its <c>to</c>, its substitutions (the tag values SendGrid puts into the parts), its own
    /// <c>List-Unsubscribe</c> and <c>List-Unsubscribe-Post</c> headers and <c>custom_args.delivery_key</c>. Names and
    /// categories are treated as in <see cref="Create(OutgoingMail, bool, out int)"/>. Throws
    /// <see cref="ArgumentException"/> (naming the batch or delivery key) when the batch cannot be one request: no or more
    /// than 1000 recipients, a delivery key or address twice, or a recipient's substitutions beyond SendGrid's 100 tags
    /// or 10,000 bytes.
    /// </summary>
    public static SendGridMessage Create(BatchMail mail, bool sandboxMode, out int droppedCategories)
    {
        BatchMailChecks.Check(mail);
        var message = new SendGridMessage
        {
            From = Address(mail.From),
            Subject = mail.Subject,
            PlainTextContent = mail.TextBody,
            HtmlContent = mail.HtmlBody,

            // One per recipient, so nobody sees another's address and each has its own values, link and key. The
            // package serialises them with Newtonsoft and EscapeHtml (so '<' travels as \u003c), which changes the JSON
            // text only, never the values SendGrid reads.
            Personalizations = [.. mail.Recipients.Select(PersonalizationFor)],
        };
        droppedCategories = SetReplyToCategoriesAndSandbox(message, mail.ReplyTo, mail.Categories, sandboxMode);
        return message;
    }

    // What a single mail and a batch set alike: the reply-to, the categories SendGrid accepts (the count of those left
    // out is returned) and sandbox mode.
    private static int SetReplyToCategoriesAndSandbox(SendGridMessage message, EmailAddress? replyTo, IReadOnlyList<string> requested, bool sandboxMode)
    {
        if (replyTo is not null)
        {
            message.SetReplyTo(Address(replyTo));
        }

        var categories = Categories(requested);
        if (categories.Count > 0)
        {
            message.AddCategories(categories);
        }

        if (sandboxMode)
        {
            message.SetSandBoxMode(true);
        }

        return requested.Count - categories.Count;
    }

    // Headers and custom args per personalization: the link is each recipient's own, and the top-level custom_args is
    // typed wrong in SendGrid's OpenAPI description (see Create above).
    private static Personalization PersonalizationFor(BatchMailRecipient recipient) => new()
    {
        Tos = [Address(recipient.To)],
        Substitutions = new Dictionary<string, string>(recipient.Substitutions, StringComparer.Ordinal),
        Headers = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["List-Unsubscribe"] = "<" + recipient.UnsubscribeUrl.AbsoluteUri + ">",
            ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
        },
        CustomArgs = new Dictionary<string, string>(StringComparer.Ordinal) { [DeliveryKeyArgument] = recipient.DeliveryKey },
    };

    // SendGrid refuses names containing ';' or ',' (its limitations page); the name is only shown, so they become spaces.
    private static SendGridAddress Address(EmailAddress address)
    {
        var name = address.Name is null
            ? null
            : string.Join(' ', address.Name.Split([';', ',', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return new SendGridAddress(address.Email.Trim(), string.IsNullOrEmpty(name) ? null : name);
    }

    private static List<string> Categories(IReadOnlyList<string> categories) =>
        categories
            .Where(category => category.Length is > 0 and <= MaxCategoryLength && category.All(character => character is >= ' ' and <= '~'))
            .Distinct(StringComparer.Ordinal)
            .Take(MaxCategories)
            .ToList();
}
