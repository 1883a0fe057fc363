using System.Globalization;
using System.Net.Mail;
using System.Net.Mime;
using System.Text;
using System.Text.RegularExpressions;

namespace Outreach.Core.Tests.Email;

/// <summary>One MIME entity read back: its unfolded, decoded headers and its decoded body (or its parts).</summary>
internal sealed record MimeEntity(IReadOnlyList<KeyValuePair<string, string>> Headers, string Body, IReadOnlyList<MimeEntity> Parts)
{
    public string? Header(string name) => Headers.Where(header => string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase)).Select(header => header.Value).SingleOrDefault();

    public MailAddress Address(string name) => new(Header(name) ?? throw new InvalidOperationException("No " + name + " header."));

    public ContentType ContentType => new(Header("Content-Type") ?? "text/plain; charset=us-ascii");
}

/// <summary>
/// A small, independent MIME reader for the outbox tests, written from RFC 5322, 2045-2047 (not from the writer): it
/// unfolds headers, decodes RFC 2047 encoded words (B and Q), splits a multipart body on its boundary (parsed by
/// <see cref="System.Net.Mime.ContentType"/>), and decodes quoted-printable and base64 in the part's charset.
/// </summary>
internal static partial class MimeTestReader
{
    public static MimeEntity Read(string message)
    {
        var split = message.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Assert.True(split >= 0, "No empty line ends the header section.");
        var headers = ReadHeaders(message[..split]);
        var entity = new MimeEntity(headers, "", []);
        var rawBody = message[(split + 4)..];
        var contentType = entity.ContentType;
        if (contentType.MediaType.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))
        {
            return entity with { Parts = ReadParts(rawBody, contentType.Boundary ?? throw new InvalidOperationException("No boundary.")) };
        }

        var charset = Encoding.GetEncoding(contentType.CharSet ?? "us-ascii");
        var bytes = (entity.Header("Content-Transfer-Encoding") ?? "7bit").ToLowerInvariant() switch
        {
            "quoted-printable" => DecodeQuotedPrintable(rawBody),
            "base64" => Convert.FromBase64String(rawBody.Replace("\r\n", "", StringComparison.Ordinal)),
            _ => Encoding.Latin1.GetBytes(rawBody),
        };
        return entity with { Body = charset.GetString(bytes) };
    }

    private static List<KeyValuePair<string, string>> ReadHeaders(string section)
    {
        var fields = new List<string>();
        foreach (var line in section.Split("\r\n"))
        {
            if (line.StartsWith(' ') || line.StartsWith('\t'))
            {
                // Unfolding removes the CRLF only (RFC 5322 §2.2.3).
                fields[^1] += line;
            }
            else
            {
                fields.Add(line);
            }
        }

        return fields.Select(field =>
        {
            var colon = field.IndexOf(':', StringComparison.Ordinal);
            Assert.True(colon > 0, "Not a header field: " + field);
            return new KeyValuePair<string, string>(field[..colon], DecodeEncodedWords(field[(colon + 1)..].Trim()));
        }).ToList();
    }

    private static List<MimeEntity> ReadParts(string body, string boundary)
    {
        var delimiter = "\r\n--" + boundary;
        var text = "\r\n" + body;
        var end = text.IndexOf(delimiter + "--", StringComparison.Ordinal);
        Assert.True(end >= 0, "The closing boundary is missing.");
        var chunks = text[..end].Split(delimiter);

        // chunks[0] is the preamble; each part starts after the CRLF that ends its boundary line.
        return chunks.Skip(1).Select(chunk =>
        {
            Assert.StartsWith("\r\n", chunk, StringComparison.Ordinal);
            return Read(chunk[2..]);
        }).ToList();
    }

    private static byte[] DecodeQuotedPrintable(string text)
    {
        var joined = text.Replace("=\r\n", "", StringComparison.Ordinal);
        var bytes = new List<byte>(joined.Length);
        for (var index = 0; index < joined.Length; index++)
        {
            if (joined[index] == '=')
            {
                bytes.Add(byte.Parse(joined.AsSpan(index + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                index += 2;
            }
            else
            {
                bytes.Add(checked((byte)joined[index]));
            }
        }

        return [.. bytes];
    }

    private static string DecodeEncodedWords(string value)
    {
        // White space between two encoded words is not part of the text (RFC 2047 §6.2).
        var joined = BetweenWords().Replace(value, "?==?");
        return EncodedWord().Replace(joined, match =>
        {
            var charset = Encoding.GetEncoding(match.Groups["charset"].Value);
            var payload = match.Groups["text"].Value;
            var bytes = string.Equals(match.Groups["encoding"].Value, "B", StringComparison.OrdinalIgnoreCase)
                ? Convert.FromBase64String(payload)
                : DecodeQuotedPrintable(payload.Replace('_', ' '));
            return charset.GetString(bytes);
        });
    }

    [GeneratedRegex(@"\?=\s+=\?")]
    private static partial Regex BetweenWords();

    [GeneratedRegex(@"=\?(?<charset>[^?]+)\?(?<encoding>[BbQq])\?(?<text>[^?]*)\?=")]
    private static partial Regex EncodedWord();
}
