using System.Globalization;
using System.Text;

namespace Outreach.Core.Email.Outbox;

/// <summary>
/// Composes one mail as an RFC 5322 message with a MIME multipart/alternative body (text/plain, then text/html, both
/// UTF-8 and quoted-printable), so that any mail client opens it. Every line ends in CRLF and stays within 78
/// characters where the content allows (the hard limit of 998 always holds): long or non-ASCII header text travels as
/// RFC 2047 encoded words, folded onto continuation lines.
/// </summary>
internal static class MimeMessageComposer
{
    private const string Crlf = "\r\n";
    private const int PreferredLineLength = 78;
    private const int QuotedPrintableLineLength = 76;

    // 39 UTF-8 bytes are 52 base64 characters, so one encoded word is 64 characters and fits on a line beside any of
    // our header names.
    private const int EncodedWordBytes = 39;

    /// <summary>The message-level values that are not part of the mail itself.</summary>
    /// <param name="Date">The Date header.</param>
    /// <param name="MessageId">The Message-ID without angle brackets.</param>
    /// <param name="Boundary">The multipart boundary.</param>
    public sealed record Envelope(DateTimeOffset Date, string MessageId, string Boundary);

    /// <summary>
    /// A boundary that cannot occur in the parts: quoted-printable output never has <c>=_</c> (an equals sign there is
    /// followed by two hex digits or a line break), and the random tail keeps it unique.
    /// </summary>
    public static string NewBoundary() => "=_outreach_" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12));

    /// <summary>Writes the whole message; the result is ASCII unless an address itself is not.</summary>
    public static string Compose(OutgoingMail mail, Envelope envelope)
    {
        ArgumentNullException.ThrowIfNull(mail);
        ArgumentNullException.ThrowIfNull(envelope);
        var message = new StringBuilder(mail.TextBody.Length + mail.HtmlBody.Length + 2048);
        AppendHeader(message, "Date", [envelope.Date.ToUniversalTime().ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture)]);
        AppendHeader(message, "From", Mailbox(mail.From));
        AppendHeader(message, "To", Mailbox(mail.To));
        if (mail.ReplyTo is not null)
        {
            AppendHeader(message, "Reply-To", Mailbox(mail.ReplyTo));
        }

        AppendHeader(message, "Subject", UnstructuredText(mail.Subject));
        AppendHeader(message, "Message-ID", ["<" + envelope.MessageId + ">"]);
        AppendHeader(message, "MIME-Version", ["1.0"]);
        if (mail.UnsubscribeUrl is not null)
        {
            // RFC 2369 and RFC 8058: the personal link, and the one-click POST that mail providers perform.
            AppendHeader(message, "List-Unsubscribe", ["<" + mail.UnsubscribeUrl.AbsoluteUri + ">"]);
            AppendHeader(message, "List-Unsubscribe-Post", ["List-Unsubscribe=One-Click"]);
        }

        AppendHeader(message, "X-Outreach-Delivery-Key", UnstructuredText(mail.DeliveryKey));
        if (mail.Categories.Count > 0)
        {
            AppendHeader(message, "X-Outreach-Categories", UnstructuredText(string.Join(", ", mail.Categories)));
        }

        AppendHeader(message, "Content-Type", ["multipart/alternative;", "boundary=\"" + envelope.Boundary + "\""]);
        message.Append(Crlf);
        message.Append("This is a multi-part message in MIME format.").Append(Crlf);
        AppendPart(message, envelope.Boundary, "text/plain", mail.TextBody);
        AppendPart(message, envelope.Boundary, "text/html", mail.HtmlBody);
        message.Append(Crlf).Append("--").Append(envelope.Boundary).Append("--").Append(Crlf);
        return message.ToString();
    }

    /// <summary>
    /// Quoted-printable (RFC 2045 §6.7) of the UTF-8 bytes of <paramref name="text"/>: line breaks of any kind become
    /// CRLF, lines longer than 76 characters get soft breaks, trailing white space and a line-initial <c>From </c> are
    /// encoded so that no transport can alter them.
    /// </summary>
    public static string QuotedPrintable(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var output = new StringBuilder(text.Length + (text.Length / 8));
        for (var index = 0; index < lines.Length; index++)
        {
            if (index > 0)
            {
                output.Append(Crlf);
            }

            var bytes = Encoding.UTF8.GetBytes(lines[index]);
            var lineLength = 0;
            for (var position = 0; position < bytes.Length; position++)
            {
                var value = bytes[position];
                var last = position == bytes.Length - 1;
                var literal = value is >= 33 and <= 126 and not (byte)'='
                              || (value is (byte)' ' or (byte)'\t' && !last);
                if (position == 0 && lines[index].StartsWith("From ", StringComparison.Ordinal))
                {
                    literal = false;
                }

                var width = literal ? 1 : 3;

                // Room for the soft break's '=' must remain on the line.
                if (lineLength + width > QuotedPrintableLineLength - 1)
                {
                    output.Append('=').Append(Crlf);
                    lineLength = 0;
                }

                if (literal)
                {
                    output.Append((char)value);
                }
                else
                {
                    output.Append('=').Append(value.ToString("X2", CultureInfo.InvariantCulture));
                }

                lineLength += width;
            }
        }

        return output.ToString();
    }

    /// <summary>RFC 2047 "B" encoded words of UTF-8, split between characters so that each word decodes on its own.</summary>
    public static IReadOnlyList<string> EncodedWords(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = new List<string>();
        var chunk = new StringBuilder();
        var chunkBytes = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (chunkBytes + rune.Utf8SequenceLength > EncodedWordBytes && chunk.Length > 0)
            {
                words.Add(EncodedWord(chunk.ToString()));
                chunk.Clear();
                chunkBytes = 0;
            }

            chunk.Append(rune.ToString());
            chunkBytes += rune.Utf8SequenceLength;
        }

        if (chunk.Length > 0 || words.Count == 0)
        {
            words.Add(EncodedWord(chunk.ToString()));
        }

        return words;
    }

    private static string EncodedWord(string text) => "=?utf-8?B?" + Convert.ToBase64String(Encoding.UTF8.GetBytes(text)) + "?=";

    private static void AppendPart(StringBuilder message, string boundary, string mediaType, string body)
    {
        message.Append(Crlf).Append("--").Append(boundary).Append(Crlf);
        message.Append("Content-Type: ").Append(mediaType).Append("; charset=utf-8").Append(Crlf);
        message.Append("Content-Transfer-Encoding: quoted-printable").Append(Crlf);
        message.Append(Crlf);
        message.Append(QuotedPrintable(body));
    }

    // A header field from tokens that may be folded between them (RFC 5322 §2.2.3): each token is at most 75 characters.
    private static void AppendHeader(StringBuilder message, string name, IReadOnlyList<string> tokens)
    {
        var lineLength = name.Length + 1;
        message.Append(name).Append(':');
        foreach (var token in tokens)
        {
            if (lineLength + 1 + token.Length > PreferredLineLength && lineLength > name.Length + 1)
            {
                message.Append(Crlf);
                lineLength = 0;
            }

            message.Append(' ').Append(token);
            lineLength += 1 + token.Length;
        }

        message.Append(Crlf);
    }

    // Display name (a phrase: atoms, a quoted string, or encoded words) and the address in angle brackets.
    private static List<string> Mailbox(EmailAddress address)
    {
        var email = WithoutControlCharacters(address.Email).Trim();
        var tokens = new List<string>();
        var name = address.Name is null ? "" : WithoutControlCharacters(address.Name).Trim();
        if (name.Length > 0)
        {
            if (!name.All(character => character is >= ' ' and <= '~'))
            {
                tokens.AddRange(EncodedWords(name));
            }
            else if (name.All(IsAtomTextOrSpace) && !name.Contains("=?", StringComparison.Ordinal) && name.Length <= 60)
            {
                tokens.AddRange(name.Split(' ', StringSplitOptions.RemoveEmptyEntries));
            }
            else if (name.Length <= 60)
            {
                tokens.Add("\"" + name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"");
            }
            else
            {
                tokens.AddRange(EncodedWords(name));
            }
        }

        tokens.Add("<" + email + ">");
        return tokens;
    }

    // Unstructured text (Subject and our own headers): as it is when it is short printable ASCII, else encoded words.
    private static IReadOnlyList<string> UnstructuredText(string text)
    {
        var clean = WithoutControlCharacters(text);
        var plain = clean.Length <= 60 && clean.All(character => character is >= ' ' and <= '~') && !clean.Contains("=?", StringComparison.Ordinal)
                    && !clean.StartsWith(' ') && !clean.EndsWith(' ');
        return plain ? [clean] : EncodedWords(clean);
    }

    // A header can never carry a line break of its own: that would let a value add headers.
    private static string WithoutControlCharacters(string text) =>
        string.Create(text.Length, text, static (span, source) =>
        {
            for (var index = 0; index < source.Length; index++)
            {
                span[index] = char.IsControl(source[index]) ? ' ' : source[index];
            }
        });

    private static bool IsAtomTextOrSpace(char character) =>
        char.IsAsciiLetterOrDigit(character) || character == ' ' || "!#$%&'*+-/=?^_`{|}~".Contains(character, StringComparison.Ordinal);
}
