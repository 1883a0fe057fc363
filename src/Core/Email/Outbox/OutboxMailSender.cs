using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Text;
using Outreach.Core.CampaignRendering;

namespace Outreach.Core.Email.Outbox;

/// <summary>
/// The local mail sender: writes each mail with MimeKit as one RFC 5322 <c>.eml</c> file into
/// <c>Outreach:Mail:OutboxPath</c>, where a mail client opens it: multipart/alternative (text/plain, then text/html,
/// UTF-8 quoted-printable), RFC 2047 encoded words for non-ASCII names and subjects, CRLF line ends. A file is written under a temporary name in the same
/// folder and then renamed, so a reader never sees half a message. Names start with the UTC time to the millisecond,
/// so they sort by time, and carry the letter's kind and a random suffix, never personal data, e.g.
/// <c>20261203T061502123Z-welcome-3f9a0c1d2b4e.eml</c>.
/// <para>
/// A <see cref="BatchMail"/> becomes one such file per recipient, with every substitution tag replaced by the
/// recipient's value (as SendGrid does) and the recipient's own unsubscribe headers. Those files are named after the
/// delivery key instead of the time (<see cref="BatchFileName"/>), so that a batch sent again after a crash replaces its
/// own files instead of adding copies.
/// </para>
/// </summary>
public sealed partial class OutboxMailSender : IMailSender, IBatchMailSender
{
    /// <summary>The extension of the finished files; temporary files end in <c>.eml.tmp</c>.</summary>
    public const string FileExtension = ".eml";

    /// <summary>The header that carries <see cref="OutgoingMail.DeliveryKey"/>.</summary>
    public const string DeliveryKeyHeader = "X-Outreach-Delivery-Key";

    /// <summary>The header that carries <see cref="OutgoingMail.Categories"/>, comma-separated.</summary>
    public const string CategoriesHeader = "X-Outreach-Categories";

    /// <summary>The start of the reference <see cref="SendBatchAsync"/> returns: <c>outbox:{BatchKey}</c>.</summary>
    public const string BatchReferencePrefix = "outbox:";

    private const string TemporaryExtension = ".tmp";

    private const int MaxKeyCharactersInFileName = 120;

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
        var length = await WriteAsync(message, fileName, overwrite: false, cancellationToken);
        LogWritten(logger, fileName, length);
        return new MailSendResult(messageId);
    }

    /// <summary>
    /// Writes one file per recipient of <paramref name="mail"/> (named by <see cref="BatchFileName"/>, replacing a file
    /// of the same delivery key from an earlier attempt) and returns <c>outbox:{BatchKey}</c> as the batch's reference.
    /// Each file has the subject and parts with the recipient's values in place of the tags, and the recipient's
    /// <c>List-Unsubscribe</c> headers. Throws <see cref="ArgumentException"/> before writing anything when the batch
    /// could not be one SendGrid request either (<see cref="BatchMailChecks"/>), <see cref="MailRejectedException"/>
    /// when an address cannot be written, and <see cref="MailNotSentException"/> when a file cannot be written or the
    /// send is cancelled: files written before stay, and sending the batch again replaces them.
    /// </summary>
    public async Task<MailSendResult> SendBatchAsync(BatchMail mail, CancellationToken cancellationToken = default)
    {
        BatchMailChecks.Check(mail);
        var now = time.GetUtcNow();
        var domain = MessageIdDomain(mail.From.Email);

        // Composed first, so an unusable address refuses the whole batch before any file is written (as SendGrid would).
        var letters = new List<(string FileName, MimeMessage Message)>(mail.Recipients.Count);
        try
        {
            foreach (var recipient in mail.Recipients)
            {
                var fileName = BatchFileName(recipient.DeliveryKey);
                var letter = new OutgoingMail
                {
                    From = mail.From,
                    ReplyTo = mail.ReplyTo,
                    To = recipient.To,

                    // SendGrid fills the tags in the subject too.
                    Subject = RecipientTags.Fill(mail.Subject, recipient.Substitutions),
                    TextBody = RecipientTags.Fill(mail.TextBody, recipient.Substitutions),
                    HtmlBody = RecipientTags.Fill(mail.HtmlBody, recipient.Substitutions),
                    DeliveryKey = recipient.DeliveryKey,
                    Categories = mail.Categories,
                    UnsubscribeUrl = recipient.UnsubscribeUrl,
                };

                // The same Message-ID when a batch is sent again: the file it replaces is the same letter.
                letters.Add((fileName, Compose(letter, now, Path.GetFileNameWithoutExtension(fileName) + "@" + domain)));
            }

            long bytes = 0;
            for (var written = 0; written < letters.Count; written++)
            {
                try
                {
                    bytes += await WriteAsync(letters[written].Message, letters[written].FileName, overwrite: true, cancellationToken);
                }
                catch (MailNotSentException)
                {
                    LogBatchIncomplete(logger, mail.BatchKey, written, letters.Count);
                    throw;
                }
            }

            LogBatchWritten(logger, mail.BatchKey, letters.Count, bytes);
            return new MailSendResult(BatchReferencePrefix + mail.BatchKey);
        }
        finally
        {
            foreach (var (_, message) in letters)
            {
                message.Dispose();
            }
        }
    }

    /// <summary>
    /// The file name of one recipient's letter of a batch: the delivery key with every character other than an ASCII
    /// letter, digit, <c>-</c> or <c>_</c> turned into <c>-</c> (at most 120 characters), then the first 12 hex digits of
    /// the key's SHA-256 (so two keys never share a name), then <c>.eml</c>. The key holds no personal data (a campaign,
    /// a batch number and the hash of the address), e.g. <c>campaign-c42-3-9f86d081…-1a2b3c4d5e6f.eml</c>.
    /// </summary>
    public static string BatchFileName(string deliveryKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(deliveryKey);
        var safe = new string([.. deliveryKey.Take(MaxKeyCharactersInFileName).Select(character => char.IsAsciiLetterOrDigit(character) || character is '-' or '_' ? character : '-')]);
        var hash = Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(deliveryKey)))[..12];
        return safe + "-" + hash + FileExtension;
    }

    // Under a temporary name of its own, flushed to disk, then renamed: a reader never sees half a message, and a
    // crash cannot leave a complete name over incomplete content.
    private async Task<long> WriteAsync(MimeMessage message, string fileName, bool overwrite, CancellationToken cancellationToken)
    {
        var path = Path.Combine(folder, fileName);

        // A random part, so that two writers of the same name (a batch redelivered while the first run still writes)
        // never share a temporary file.
        var temporary = overwrite
            ? Path.Combine(folder, Path.GetFileNameWithoutExtension(fileName) + "." + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)) + FileExtension + TemporaryExtension)
            : path + TemporaryExtension;
        try
        {
            Directory.CreateDirectory(folder);
            long length;
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
            {
                await message.WriteToAsync(WriteOptions, stream, cancellationToken);
                length = stream.Length;
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite);
            return length;
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Wrote batch {BatchKey} to the outbox: {Files} files ({Bytes} bytes)")]
    private static partial void LogBatchWritten(ILogger logger, string batchKey, int files, long bytes);

    [LoggerMessage(Level = LogLevel.Error, Message = "Batch {BatchKey} stopped after {Written} of {Files} outbox files; sending it again replaces them")]
    private static partial void LogBatchIncomplete(ILogger logger, string batchKey, int written, int files);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not write {FileName} to the outbox")]
    private static partial void LogWriteFailed(ILogger logger, string fileName, Exception exception);
}
