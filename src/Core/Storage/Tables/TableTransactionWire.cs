using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using Azure;
using Azure.Core;

namespace Outreach.Core.Storage.Tables;

/// <summary>Writes an entity group transaction as the <c>$batch</c> multipart body (one changeset, CRLF lines).</summary>
internal static class TableTransactionWriter
{
    public static (string Boundary, byte[] Body) Write(Uri tableUri, IReadOnlyList<TableTransactionAction> actions)
    {
        Validate(actions);
        var batch = "batch_" + Guid.NewGuid().ToString("D");
        var changeset = "changeset_" + Guid.NewGuid().ToString("D");
        var body = new StringBuilder();
        void Line(string text = "") => body.Append(text).Append("\r\n");

        Line("--" + batch);
        Line("Content-Type: multipart/mixed; boundary=" + changeset);
        Line();
        foreach (var action in actions)
        {
            var entity = action.Entity;
            var entityUri = tableUri.AbsoluteUri + TableClient.EntityPath(entity.PartitionKey, entity.RowKey);
            var (method, uri, ifMatch, hasBody) = action.ActionType switch
            {
                TableTransactionActionType.Add => ("POST", tableUri.AbsoluteUri, null, true),
                TableTransactionActionType.UpdateMerge => ("MERGE", entityUri, TableClient.IfMatch(action.ETag), true),
                TableTransactionActionType.UpdateReplace => ("PUT", entityUri, TableClient.IfMatch(action.ETag), true),
                TableTransactionActionType.UpsertMerge => ("MERGE", entityUri, null, true),
                TableTransactionActionType.UpsertReplace => ("PUT", entityUri, null, true),
                TableTransactionActionType.Delete => ("DELETE", entityUri, TableClient.IfMatch(action.ETag), false),
                _ => throw new ArgumentOutOfRangeException(nameof(actions), action.ActionType, "Unknown transaction action."),
            };

            Line("--" + changeset);
            Line("Content-Type: application/http");
            Line("Content-Transfer-Encoding: binary");
            Line();
            Line(method + " " + uri + " HTTP/1.1");
            Line("Accept: application/json;odata=minimalmetadata");
            Line("DataServiceVersion: 3.0");
            if (method == "POST")
            {
                Line("Prefer: return-no-content");
            }

            if (ifMatch is not null)
            {
                Line("If-Match: " + ifMatch);
            }

            if (hasBody)
            {
                Line("Content-Type: application/json");
                Line();
                body.Append(Encoding.UTF8.GetString(TableEntitySerializer.Serialize(entity)));
                Line();
            }
            else
            {
                Line();
            }
        }

        Line("--" + changeset + "--");
        Line("--" + batch + "--");
        var bytes = Encoding.UTF8.GetBytes(body.ToString());
        if (bytes.Length > TableLimits.MaxTransactionBytes)
        {
            throw new ArgumentException($"The transaction is {bytes.Length} bytes; the service accepts at most {TableLimits.MaxTransactionBytes}.", nameof(actions));
        }

        return (batch, bytes);
    }

    private static void Validate(IReadOnlyList<TableTransactionAction> actions)
    {
        if (actions.Count == 0)
        {
            throw new ArgumentException("A transaction needs at least one action.", nameof(actions));
        }

        if (actions.Count > TableLimits.MaxTransactionActions)
        {
            throw new ArgumentException($"A transaction can hold at most {TableLimits.MaxTransactionActions} actions; this one has {actions.Count}.", nameof(actions));
        }

        var partition = actions[0].Entity.PartitionKey;
        if (actions.Any(a => !string.Equals(a.Entity.PartitionKey, partition, StringComparison.Ordinal)))
        {
            throw new ArgumentException("All actions of a transaction must share one PartitionKey (Azure refuses CommandsInBatchActOnDifferentPartitions).", nameof(actions));
        }

        var duplicate = actions.GroupBy(a => a.Entity.RowKey, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException("Each entity can appear only once in a transaction (Azure refuses InvalidDuplicateRow).", nameof(actions));
        }
    }
}

/// <summary>Reads the multipart answer of a <c>$batch</c>: one inner HTTP response per action, or one error.</summary>
internal static class TableTransactionReader
{
    public static List<Response> Read(Response response)
    {
        var contentType = response.Headers.ContentType ?? "";
        var boundary = BoundaryOf(contentType) ?? throw new RequestFailedException(response.Status, "The transaction answer has no multipart boundary.");
        var text = response.Content.ToString();
        var parts = new List<Response>();
        foreach (var part in Split(text, boundary))
        {
            var innerBoundary = HeaderValue(part, "Content-Type") is { } innerType ? BoundaryOf(innerType) : null;
            if (innerBoundary is not null)
            {
                parts.AddRange(Split(part, innerBoundary).Select(ParseHttp).OfType<Response>());
            }
            else if (ParseHttp(part) is { } single)
            {
                parts.Add(single);
            }
        }

        return parts;
    }

    /// <summary>The service prefixes a failed action's message with its index: <c>"1:The specified entity already exists."</c>.</summary>
    public static (int? Index, string? Message) SplitIndex(string? message)
    {
        if (message is null)
        {
            return (null, null);
        }

        var colon = message.IndexOf(':', StringComparison.Ordinal);
        var firstLine = message.Split('\n')[0].Trim();
        if (colon > 0 && int.TryParse(message[..colon], NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            return (index, firstLine[(colon + 1)..].Trim());
        }

        return (null, firstLine);
    }

    private static string? BoundaryOf(string contentType)
    {
        const string marker = "boundary=";
        var start = contentType.IndexOf(marker, StringComparison.OrdinalIgnoreCase);
        if (start < 0)
        {
            return null;
        }

        var value = contentType[(start + marker.Length)..];
        var end = value.IndexOf(';', StringComparison.Ordinal);
        return (end < 0 ? value : value[..end]).Trim().Trim('"');
    }

    private static IEnumerable<string> Split(string text, string boundary)
    {
        var delimiter = "--" + boundary;
        var pieces = text.Split(delimiter);
        // Skip the preamble and everything after the closing delimiter ("--boundary--").
        for (var i = 1; i < pieces.Length; i++)
        {
            if (pieces[i].StartsWith("--", StringComparison.Ordinal))
            {
                yield break;
            }

            yield return pieces[i];
        }
    }

    private static string? HeaderValue(string part, string name)
    {
        foreach (var line in part.Split('\n'))
        {
            var trimmed = line.TrimEnd('\r');
            if (trimmed.Length == 0 && part.TrimStart('\r', '\n').Length > 0 && !part.TrimStart('\r', '\n').StartsWith(trimmed, StringComparison.Ordinal))
            {
                break;
            }

            if (trimmed.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase))
            {
                return trimmed[(name.Length + 1)..].Trim();
            }

            if (trimmed.StartsWith("HTTP/", StringComparison.Ordinal))
            {
                return null;
            }
        }

        return null;
    }

    private static TransactionPartResponse? ParseHttp(string part)
    {
        // Lenient: Azurite sometimes puts a stray line before the status line, so look for it.
        var lines = part.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var statusLine = Array.FindIndex(lines, l => l.StartsWith("HTTP/1.1 ", StringComparison.Ordinal));
        if (statusLine < 0)
        {
            return null;
        }

        var statusParts = lines[statusLine].Split(' ', 3);
        var status = int.Parse(statusParts[1], CultureInfo.InvariantCulture);
        var headers = new List<HttpHeader>();
        var index = statusLine + 1;
        for (; index < lines.Length && lines[index].Length > 0; index++)
        {
            var colon = lines[index].IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                headers.Add(new HttpHeader(lines[index][..colon].Trim(), lines[index][(colon + 1)..].Trim()));
            }
        }

        var body = string.Join('\n', lines.Skip(index + 1)).Trim();
        return new TransactionPartResponse(status, statusParts.Length > 2 ? statusParts[2] : "", headers, BinaryData.FromString(body));
    }
}

/// <summary>One action's answer inside a transaction's response.</summary>
internal sealed class TransactionPartResponse : Response
{
    private readonly List<HttpHeader> headers;
    private readonly BinaryData content;

    public TransactionPartResponse(int status, string reasonPhrase, List<HttpHeader> headers, BinaryData content)
    {
        Status = status;
        ReasonPhrase = reasonPhrase;
        this.headers = headers;
        this.content = content;
        ContentStream = content.ToStream();
    }

    public override int Status { get; }

    public override string ReasonPhrase { get; }

    public override Stream? ContentStream { get; set; }

    public override BinaryData Content => content;

    public override string ClientRequestId { get; set; } = "";

    public override void Dispose() => ContentStream?.Dispose();

    protected override bool ContainsHeader(string name) => headers.Exists(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase));

    protected override IEnumerable<HttpHeader> EnumerateHeaders() => headers;

    protected override bool TryGetHeader(string name, [NotNullWhen(true)] out string? value)
    {
        value = headers.Find(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)).Value;
        return value is not null;
    }

    protected override bool TryGetHeaderValues(string name, [NotNullWhen(true)] out IEnumerable<string>? values)
    {
        var found = headers.Where(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).ToList();
        values = found.Count > 0 ? found : null;
        return values is not null;
    }
}
