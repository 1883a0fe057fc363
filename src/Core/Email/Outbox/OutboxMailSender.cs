using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Outreach.Core.Email.Outbox;

/// <summary>
/// The local mail sender: writes each mail as one RFC 5322 <c>.eml</c> file (multipart/alternative, UTF-8) into
/// <c>Outreach:Mail:OutboxPath</c>, where a mail client opens it. A file is written under a temporary name in the same
/// folder and then renamed, so a reader never sees half a message. Names start with the UTC time to the millisecond,
/// so they sort by time, and carry the letter's kind and a random suffix, never personal data, e.g.
/// <c>20261203T061502123Z-welcome-3f9a0c1d2b4e.eml</c>.
/// </summary>
public sealed partial class OutboxMailSender : IMailSender
{
    /// <summary>The extension of the finished files; temporary files end in <c>.eml.tmp</c>.</summary>
    public const string FileExtension = ".eml";

    private const string TemporaryExtension = ".tmp";

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
    /// part is the file name without <c>.eml</c>. Throws <see cref="MailNotSentException"/> when the file cannot be
    /// written (nothing is left behind, so the send can be tried again).
    /// </summary>
    public async Task<MailSendResult> SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var now = time.GetUtcNow();
        var stem = string.Create(CultureInfo.InvariantCulture, $"{now.UtcDateTime:yyyyMMdd'T'HHmmssfff'Z'}-{Kind(mail.DeliveryKey)}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}");
        var messageId = stem + "@" + MessageIdDomain(mail.From.Email);
        var content = MimeMessageComposer.Compose(mail, new MimeMessageComposer.Envelope(now, messageId, MimeMessageComposer.NewBoundary()));
        var bytes = Encoding.UTF8.GetBytes(content);
        var fileName = stem + FileExtension;
        var path = Path.Combine(folder, fileName);
        var temporary = path + TemporaryExtension;
        try
        {
            Directory.CreateDirectory(folder);
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
            {
                await stream.WriteAsync(bytes, cancellationToken);

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

        LogWritten(logger, fileName, bytes.Length);
        return new MailSendResult(messageId);
    }

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
    private static partial void LogWritten(ILogger logger, string fileName, int bytes);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not write {FileName} to the outbox")]
    private static partial void LogWriteFailed(ILogger logger, string fileName, Exception exception);
}
