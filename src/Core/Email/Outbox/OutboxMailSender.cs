using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Text;

namespace Outreach.Core.Email.Outbox;

/// <summary>
/// The local mail sender: writes each mail with MimeKit as one RFC 5322 <c>.eml</c> file into
/// <c>Outreach:Mail:OutboxPath</c>, where a mail client opens it: multipart/alternative (text/plain, then text/html,
/// UTF-8 quoted-printable), RFC 2047 encoded words for non-ASCII names and subjects, CRLF line ends. A file is written under a temporary name in the same
/// folder and then renamed, so a reader never sees half a message. Names start with the UTC time to the millisecond,
/// so they sort by time, and carry the letter's kind and a random suffix, never personal data, e.g.
/// <c>20261203T061502123Z-welcome-3f9a0c1d2b4e.eml</c>.
/// </summary>
public sealed partial class OutboxMailSender : IMailSender
{
    /// <summary>The extension of the finished files; temporary files end in <c>.eml.tmp</c>.</summary>
    public const string FileExtension = ".eml";

    /// <summary>The header that carries <see cref="OutgoingMail.DeliveryKey"/>.</summary>
    public const string DeliveryKeyHeader = "X-Outreach-Delivery-Key";

    /// <summary>The header that carries <see cref="OutgoingMail.Categories"/>, comma-separated.</summary>
    public const string CategoriesHeader = "X-Outreach-Categories";

    private const string TemporaryExtension = ".tmp";

    // CRLF as RFC 5322 requires, whatever the OS; headers folded at 78 characters, non-ASCII as encoded words.
    private static readonly FormatOptions WriteOptions = new() { NewLineFormat = NewLineFormat.Dos, International = false };

    private readonly string folder;
    private readonly TimeProvider time;
    private readonly ILogger<OutboxMailSender> logger;

    /// <summary>Creates the sender for the folder in <paramref name="options"/>.</summary>
    public OutboxMailSender(IOptions<MailOptions> options, TimeProvider time, ILogger<OutboxMailSender> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        folder = options.Value.OutboxPath;
        this.time = time;
        this.logger = logger;
    }

    /// <summary>The folder the files go to.</summary>
    public string Folder => folder;

    /// <summary>
    /// Writes the file and returns its Message-ID (without angle brackets) as the provider message id; the id's local
    /// part is the file name without <c>.eml</c>. Throws <see cref="MailRejectedException"/> (400, as SendGrid would)
    /// when an address cannot be written, and <see cref="MailNotSentException"/> when the file cannot be written
    /// (nothing is left behind, so the send can be tried again).
    /// </summary>
    public async Task<MailSendResult> SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var now = time.GetUtcNow();
        var stem = string.Create(CultureInfo.InvariantCulture, $"{now.UtcDateTime:yyyyMMdd'T'HHmmssfff'Z'}-{Kind(mail.DeliveryKey)}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}");
        var messageId = stem + "@" + MessageIdDomain(mail.From.Email);
        using var message = Compose(mail, now, messageId);
        var fileName = stem + FileExtension;
        var path = Path.Combine(folder, fileName);
        var temporary = path + TemporaryExtension;
        long length;
        try
        {
            Directory.CreateDirectory(folder);
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
            {
                await message.WriteToAsync(WriteOptions, stream, cancellationToken);
                length = stream.Length;

                // On disk before the rename, so that a crash cannot leave a complete name over incomplete content.
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: false);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or OperationCanceledException)
        {
            // The rename is the send and it did not happen: certainly not sent, so the caller may release its claim.
            TryDelete(temporary);
            if (exception is OperationCanceledException)
            {
                throw new MailNotSentException("Stopped before the mail was written to the outbox folder.", innerException: exception);
            }

            LogWriteFailed(logger, fileName, exception);
            throw new MailNotSentException("The mail could not be written to the outbox folder.", innerException: exception);
        }

        LogWritten(logger, fileName, length);
        return new MailSendResult(messageId);
    }

    private static MimeMessage Compose(OutgoingMail mail, DateTimeOffset now, string messageId)
    {
        var message = new MimeMessage
        {
            Date = now,
            MessageId = messageId,
            Subject = SingleLine(mail.Subject),
        };
        message.From.Add(Mailbox(mail.From, "from"));
        message.To.Add(Mailbox(mail.To, "to"));
        if (mail.ReplyTo is not null)
        {
            message.ReplyTo.Add(Mailbox(mail.ReplyTo, "reply_to"));
        }

        if (mail.UnsubscribeUrl is not null)
        {
            // RFC 2369 and RFC 8058: the personal link, and the one-click POST that mail providers perform.
            message.Headers.Add("List-Unsubscribe", "<" + mail.UnsubscribeUrl.AbsoluteUri + ">");
            message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }

        message.Headers.Add(DeliveryKeyHeader, SingleLine(mail.DeliveryKey));
        if (mail.Categories.Count > 0)
        {
            message.Headers.Add(CategoriesHeader, SingleLine(string.Join(", ", mail.Categories)));
        }

        message.Body = new MultipartAlternative { TextPart(TextFormat.Plain, mail.TextBody), TextPart(TextFormat.Html, mail.HtmlBody) };
        return message;
    }

    // Quoted-printable keeps Danish text readable in the file and every line within 76 characters.
    private static TextPart TextPart(TextFormat format, string text)
    {
        var part = new TextPart(format) { ContentTransferEncoding = ContentEncoding.QuotedPrintable };
        part.SetText("utf-8", text);
        return part;
    }

    // An address MimeKit cannot parse is refused as SendGrid would refuse it (400 naming the field, never the address).
    private static MailboxAddress Mailbox(EmailAddress address, string field)
    {
        try
        {
            return new MailboxAddress(address.Name is null ? null : SingleLine(address.Name).Trim(), SingleLine(address.Email).Trim());
        }
        catch (ParseException exception)
        {
            throw new MailRejectedException(400, [field + ": not a usable e-mail address"], exception);
        }
    }

    // A header value can never carry a line break of its own: that would let a value add headers.
    private static string SingleLine(string text) =>
        string.Create(text.Length, text, static (span, source) =>
        {
            for (var index = 0; index < source.Length; index++)
            {
                span[index] = char.IsControl(source[index]) ? ' ' : source[index];
            }
        });

    // The letter kind from the delivery key (welcome:…, followup1:…), reduced to a safe file-name word.
    private static string Kind(string deliveryKey)
    {
        var prefix = deliveryKey.Split(':', 2)[0].ToLowerInvariant();
        return prefix.Length is > 0 and <= 24 && prefix.All(character => char.IsAsciiLetterLower(character) || char.IsAsciiDigit(character) || character == '-')
            ? prefix
            : "mail";
    }

    // A Message-ID is unique when its right part is a domain the sender controls (RFC 5322 §3.6.4).
    private static string MessageIdDomain(string from)
    {
        var domain = from[(from.LastIndexOf('@') + 1)..].Trim().ToLowerInvariant();
        return domain.Length > 0 && domain.All(character => char.IsAsciiLetterOrDigit(character) || character is '.' or '-')
            ? domain
            : "outreach.invalid";
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: the name ends in .tmp, so no reader takes it for a mail.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Wrote {FileName} ({Bytes} bytes) to the outbox")]
    private static partial void LogWritten(ILogger logger, string fileName, long bytes);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not write {FileName} to the outbox")]
    private static partial void LogWriteFailed(ILogger logger, string fileName, Exception exception);
}
