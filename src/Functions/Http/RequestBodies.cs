using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Outreach.Functions.Http;

/// <summary>
/// The one way an HTTP function reads a request body: bounded by a limit per kind of body (JSON, CSV upload, the SendGrid
/// webhook), reading at most limit + 1 bytes, so an endless or oversized body is refused with a 413 naming <c>body</c>
/// before anything is parsed or stored; and the 415 for a body that is not the media type a function needs.
/// </summary>
public static class RequestBodies
{
    /// <summary>Largest JSON request body accepted (staff requests are a few hundred bytes).</summary>
    public const int MaxJsonBytes = 64 * 1024;

    /// <summary>The media types accepted as a CSV upload: what curl, browsers and Excel send for a .csv file.</summary>
    public static IReadOnlyList<string> CsvMediaTypes { get; } = ["text/csv", "application/csv", "text/plain", "application/vnd.ms-excel"];

    /// <summary>The body's bytes, or null when it is larger than <paramref name="maxBytes"/> (by its Content-Length or by what arrives).</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[(int)Math.Min(81920, maxBytes + 1)];
        int read;

        // Never ask for more than one byte past the limit: that byte alone proves the body too large.
        while ((read = await request.Body.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, maxBytes + 1 - buffer.Length)), cancellationToken).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > maxBytes)
            {
                return null;
            }
        }

        return buffer.ToArray();
    }

    /// <summary>The 413 for a body over <paramref name="maxBytes"/>, naming <c>body</c>.</summary>
    public static ProblemHttpResult TooLarge(long maxBytes) =>
        Problems.Field("body", "The body is too large", string.Create(CultureInfo.InvariantCulture, $"body may be at most {maxBytes} bytes."), StatusCodes.Status413PayloadTooLarge);

    /// <summary>Null when the request is a JSON request, otherwise the 415 naming <c>body</c>.</summary>
    public static ProblemHttpResult? RequireJson(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.HasJsonContentType() ? null : UnsupportedMediaType("application/json");
    }

    /// <summary>Null when the request's Content-Type is one of <see cref="CsvMediaTypes"/>, otherwise the 415 naming <c>body</c>.</summary>
    public static ProblemHttpResult? RequireCsv(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var mediaType = request.ContentType?.Split(';')[0].Trim();
        return mediaType is not null && CsvMediaTypes.Contains(mediaType, StringComparer.OrdinalIgnoreCase) ? null : UnsupportedMediaType("text/csv");
    }

    private static ProblemHttpResult UnsupportedMediaType(string expected) =>
        Problems.Field("body", "Unsupported media type", $"Send the body as {expected}.", StatusCodes.Status415UnsupportedMediaType);
}
