using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Outreach.Functions.Http;

/// <summary>
/// Reads a JSON request body of at most <see cref="RequestBodies.MaxJsonBytes"/>; anything that is not the expected JSON
/// becomes a problem naming the field (400), the body (413 when too large, 415 when not JSON).
/// </summary>
public static class JsonBody
{
    /// <summary>The body as <typeparamref name="T"/>, or a problem naming the field at fault (<c>body</c> for the body as a whole).</summary>
    public static async Task<(T? Value, ProblemHttpResult? Problem)> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        if (RequestBodies.RequireJson(request) is { } unsupported)
        {
            return (null, unsupported);
        }

        if (await RequestBodies.ReadAsync(request, RequestBodies.MaxJsonBytes, cancellationToken).ConfigureAwait(false) is not { } bytes)
        {
            return (null, RequestBodies.TooLarge(RequestBodies.MaxJsonBytes));
        }

        return Parse(bytes, typeInfo);
    }

    /// <summary>
    /// Like <see cref="ReadAsync{T}"/>, for a body that may be left out: an empty body (with any or no Content-Type) is
    /// (null, null); anything else must be the JSON of <typeparamref name="T"/>.
    /// </summary>
    public static async Task<(T? Value, ProblemHttpResult? Problem)> ReadOptionalAsync<T>(HttpRequest request, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await RequestBodies.ReadAsync(request, RequestBodies.MaxJsonBytes, cancellationToken).ConfigureAwait(false) is not { } bytes)
        {
            return (null, RequestBodies.TooLarge(RequestBodies.MaxJsonBytes));
        }

        if (bytes.All(b => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
        {
            return (null, null);
        }

        return RequestBodies.RequireJson(request) is { } unsupported ? (null, unsupported) : Parse(bytes, typeInfo);
    }

    private static (T? Value, ProblemHttpResult? Problem) Parse<T>(byte[] bytes, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        // Parse first, then bind: a syntax error is the body's fault, a type error is one field's.
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException)
        {
            return (null, Problems.Field("body", "Malformed JSON", "The body is not well-formed JSON."));
        }

        using (document)
        {
            try
            {
                var value = document.Deserialize(typeInfo);
                return value is null ? (null, Problems.Field("body", "A JSON object is required", "The body is JSON null.")) : (value, null);
            }
            catch (JsonException exception)
            {
                var field = FieldOf(exception.Path);
                return (null, Problems.Field(field, "Malformed JSON", field == "body"
                    ? "The body is not a JSON object of the expected shape."
                    : $"{field} has the wrong type or value."));
            }
        }
    }

    // "$.decision" → "decision"; "$" or nothing → "body".
    private static string FieldOf(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;
}
