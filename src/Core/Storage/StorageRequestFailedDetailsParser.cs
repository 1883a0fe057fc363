using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using Azure;
using Azure.Core;

namespace Outreach.Core.Storage;

/// <summary>
/// Fills <see cref="RequestFailedException.ErrorCode"/> and the message from the storage services' error bodies:
/// the Table service's JSON <c>odata.error</c> and the Queue service's XML <c>&lt;Error&gt;</c>, falling back to the
/// <c>x-ms-error-code</c> header. Azure.Core's default parser understands neither body and leaves the code empty.
/// </summary>
internal sealed class StorageRequestFailedDetailsParser : RequestFailedDetailsParser
{
    public override bool TryParse(Response response, out ResponseError? error, out IDictionary<string, string>? data)
    {
        data = null;
        response.Headers.TryGetValue("x-ms-error-code", out var headerCode);
        var (code, message) = Parse(response.Content?.ToString());
        code ??= headerCode;
        error = code is null && message is null ? null : new ResponseError(code, message ?? code);
        return error is not null;
    }

    /// <summary>Reads the code and message of a storage error body (JSON or XML); nulls when it is neither.</summary>
    internal static (string? Code, string? Message) Parse(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return (null, null);
        }

        var trimmed = body.TrimStart();
        try
        {
            if (trimmed.StartsWith('{'))
            {
                using var document = JsonDocument.Parse(trimmed);
                if (document.RootElement.TryGetProperty("odata.error", out var odataError))
                {
                    var code = odataError.TryGetProperty("code", out var codeElement) ? codeElement.GetString() : null;
                    string? message = null;
                    if (odataError.TryGetProperty("message", out var messageElement))
                    {
                        message = messageElement.ValueKind == JsonValueKind.Object && messageElement.TryGetProperty("value", out var value)
                            ? value.GetString()
                            : messageElement.ValueKind == JsonValueKind.String ? messageElement.GetString() : null;
                    }

                    return (string.IsNullOrEmpty(code) ? null : code, message);
                }
            }
            else if (trimmed.StartsWith('<'))
            {
                var root = XDocument.Parse(trimmed).Root;
                if (root is not null && root.Name.LocalName == "Error")
                {
                    return (root.Element("Code")?.Value, root.Element("Message")?.Value);
                }
            }
        }
        catch (Exception exception) when (exception is JsonException or XmlException)
        {
            // Not a storage error body (a proxy's HTML page, say): the header and status still tell the story.
        }

        return (null, null);
    }
}
