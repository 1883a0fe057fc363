using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Core;

namespace Outreach.Core.Storage.Tables;

/// <summary>
/// One table: create and delete it, and add, read, query, update, upsert, delete and transact on its entities.
/// Mirrors <c>Azure.Data.Tables.TableClient</c> (names, parameters and semantics), so that the official package can
/// replace it by changing <c>using</c> directives. Thread-safe. Failures are <see cref="RequestFailedException"/>s with
/// the service's status and error code.
/// </summary>
public class TableClient
{
    private readonly TableRestContext context;

    /// <summary>Connects to <paramref name="tableName"/> with a connection string.</summary>
    public TableClient(string connectionString, string tableName)
        : this(connectionString, tableName, new TableClientOptions())
    {
    }

    /// <summary>Connects to <paramref name="tableName"/> with a connection string and options.</summary>
    public TableClient(string connectionString, string tableName, TableClientOptions? options)
        : this(new TableServiceClient(connectionString, options).GetTableClient(tableName))
    {
    }

    /// <summary>Connects to <paramref name="tableName"/> at <paramref name="endpoint"/> with a Microsoft Entra credential.</summary>
    public TableClient(Uri endpoint, string tableName, TokenCredential tokenCredential, TableClientOptions? options = null)
        : this(new TableServiceClient(endpoint, tokenCredential, options).GetTableClient(tableName))
    {
    }

    /// <summary>Connects to <paramref name="tableName"/> at <paramref name="endpoint"/> with an account key.</summary>
    public TableClient(Uri endpoint, string tableName, AzureNamedKeyCredential credential, TableClientOptions? options = null)
        : this(new TableServiceClient(endpoint, credential, options).GetTableClient(tableName))
    {
    }

    internal TableClient(TableRestContext context, string tableName)
    {
        TableLimits.ValidateTableName(tableName);
        this.context = context;
        Name = tableName;
    }

    /// <summary>For mocking.</summary>
    protected TableClient()
    {
        context = null!;
        Name = "";
    }

    private TableClient(TableClient other)
    {
        context = other.context;
        Name = other.Name;
    }

    /// <summary>The table's name.</summary>
    public virtual string Name { get; }

    /// <summary>The storage account's name.</summary>
    public virtual string AccountName => context.AccountName;

    /// <summary>The table's address.</summary>
    public virtual Uri Uri => new(context.Endpoint.AbsoluteUri + "/" + Name);

    /// <summary>
    /// A filter string with the interpolated values formatted as OData literals and escaped, e.g.
    /// <c>CreateQueryFilter($"PartitionKey eq {district} and HireDate ge {since}")</c>.
    /// </summary>
    public static string CreateQueryFilter(FormattableString filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var arguments = filter.GetArguments().Select(ODataLiteral).ToArray<object?>();
        return string.Format(CultureInfo.InvariantCulture, filter.Format, arguments);
    }

    /// <summary>Creates the table; throws 409 <c>TableAlreadyExists</c> when it exists.</summary>
    public virtual async Task<Response<TableItem>> CreateAsync(CancellationToken cancellationToken = default)
    {
        using var message = context.CreateMessage(RequestMethod.Post, "/Tables", hasBody: true);
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        message.Request.Content = RequestContent.Create(JsonSerializer.SerializeToUtf8Bytes(new TableNameBody(Name), StorageJsonContext.Default.TableNameBody));
        await context.Pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var response = StoragePipeline.EnsureStatus(message.Response, 201, 204);
        return Response.FromValue(new TableItem(Name), response);
    }

    /// <summary>Creates the table unless it exists; the 409 of an existing table is returned, not thrown.</summary>
    public virtual async Task<Response<TableItem>> CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return await CreateAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException exception) when (exception.Status == 409 && exception.GetRawResponse() is { } response)
        {
            return Response.FromValue(new TableItem(Name), response);
        }
    }

    /// <summary>Deletes the table; a missing table is not an error (its 404 is returned).</summary>
    public virtual async Task<Response> DeleteAsync(CancellationToken cancellationToken = default)
    {
        using var message = context.CreateMessage(RequestMethod.Delete, "/Tables('" + Uri.EscapeDataString(Name) + "')", hasBody: false);
        await context.Pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        return StoragePipeline.EnsureStatus(message.Response, 204, 404);
    }

    /// <summary>Inserts the entity; throws 409 <c>EntityAlreadyExists</c> when one with the same keys exists.</summary>
    public virtual async Task<Response> AddEntityAsync<T>(T entity, CancellationToken cancellationToken = default)
        where T : ITableEntity
    {
        ArgumentNullException.ThrowIfNull(entity);
        using var message = context.CreateMessage(RequestMethod.Post, "/" + Name, hasBody: true);
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        message.Request.Content = RequestContent.Create(TableEntitySerializer.Serialize(entity));
        await context.Pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        return StoragePipeline.EnsureStatus(message.Response, 201, 204);
    }

    /// <summary>Inserts the entity or, when it exists, merges into or replaces it, unconditionally.</summary>
    public virtual Task<Response> UpsertEntityAsync<T>(T entity, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
        where T : ITableEntity =>
        WriteAsync(entity, ifMatch: null, mode, cancellationToken);

    /// <summary>
    /// Merges into or replaces an existing entity if its ETag still equals <paramref name="ifMatch"/>
    /// (<see cref="ETag.All"/> for unconditionally). A stale ETag gives 412 <c>UpdateConditionNotSatisfied</c>; a missing
    /// entity 404.
    /// </summary>
    public virtual Task<Response> UpdateEntityAsync<T>(T entity, ETag ifMatch, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
        where T : ITableEntity
    {
        if (ifMatch == default)
        {
            throw new ArgumentException("An update needs the entity's ETag, or ETag.All to update unconditionally.", nameof(ifMatch));
        }

        return WriteAsync(entity, ifMatch, mode, cancellationToken);
    }

    /// <summary>Reads one entity; throws 404 <c>ResourceNotFound</c> when it does not exist.</summary>
    public virtual async Task<Response<T>> GetEntityAsync<T>(string partitionKey, string rowKey, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
        where T : class, ITableEntity, new()
    {
        var response = await GetEntityIfExistsAsync<T>(partitionKey, rowKey, select, cancellationToken).ConfigureAwait(false);
        return response.HasValue
            ? Response.FromValue(response.Value!, response.GetRawResponse())
            : throw new RequestFailedException(response.GetRawResponse());
    }

    /// <summary>Reads one entity, or answers without a value when it does not exist.</summary>
    public virtual async Task<NullableResponse<T>> GetEntityIfExistsAsync<T>(string partitionKey, string rowKey, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
        where T : class, ITableEntity, new()
    {
        using var message = context.CreateMessage(RequestMethod.Get, "/" + Name + EntityPath(partitionKey, rowKey), hasBody: false);
        AppendSelect(message, select);
        await context.Pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var response = StoragePipeline.EnsureStatus(message.Response, 200, 404);
        if (response.Status == 404)
        {
            return new MissingValueResponse<T>(response);
        }

        using var document = JsonDocument.Parse(response.Content);
        return Response.FromValue(TableEntitySerializer.Deserialize<T>(document.RootElement, response.Headers.ETag ?? default), response);
    }

    /// <summary>
    /// Queries entities with an OData filter (see <see cref="CreateQueryFilter"/>), at most <paramref name="maxPerPage"/>
    /// per page (the service caps pages at 1000), reading only the <paramref name="select"/>ed properties. The result
    /// follows continuation tokens, so enumerating it reads every match.
    /// </summary>
    public virtual AsyncPageable<T> QueryAsync<T>(string? filter = null, int? maxPerPage = null, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
        where T : class, ITableEntity, new()
    {
        var selected = select?.ToList();
        return new StoragePageable<T>((token, pageSize, ct) => QueryPageAsync<T>(filter, pageSize ?? maxPerPage, selected, token, ct), cancellationToken);
    }

    /// <summary>
    /// Deletes the entity if its ETag equals <paramref name="ifMatch"/> (default: unconditionally). A stale ETag gives
    /// 412; a missing entity is not an error (its 404 is returned), as with the official client.
    /// </summary>
    public virtual async Task<Response> DeleteEntityAsync(string partitionKey, string rowKey, ETag ifMatch = default, CancellationToken cancellationToken = default)
    {
        using var message = context.CreateMessage(RequestMethod.Delete, "/" + Name + EntityPath(partitionKey, rowKey), hasBody: false);
        message.Request.Headers.SetValue("If-Match", IfMatch(ifMatch));
        await context.Pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        return StoragePipeline.EnsureStatus(message.Response, 204, 404);
    }

    /// <summary>
    /// Applies up to 100 actions on one partition atomically: all of them or none. A refused transaction throws
    /// <see cref="TableTransactionFailedException"/> naming the failed action. Rules Azurite does not enforce (one
    /// partition, at most 100 actions, each entity once) are checked before sending.
    /// </summary>
    public virtual async Task<Response<IReadOnlyList<Response>>> SubmitTransactionAsync(IEnumerable<TableTransactionAction> transactionActions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transactionActions);
        var actions = transactionActions.ToList();
        var batch = TableTransactionWriter.Write(Uri, actions);
        using var message = context.CreateMessage(RequestMethod.Post, "/$batch", hasBody: false);
        message.Request.Headers.SetValue("Content-Type", "multipart/mixed; boundary=" + batch.Boundary);
        message.Request.Content = RequestContent.Create(batch.Body);
        await context.Pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var response = StoragePipeline.EnsureStatus(message.Response, 202);
        var parts = TableTransactionReader.Read(response);
        var failed = parts.FirstOrDefault(p => p.Status >= 400);
        if (failed is not null)
        {
            var (code, text) = StorageRequestFailedDetailsParser.Parse(failed.Content.ToString());
            var (index, cleanMessage) = TableTransactionReader.SplitIndex(text);
            index ??= actions.Count == 1 ? 0 : null;
            throw new TableTransactionFailedException(
                failed.Status,
                $"The transaction was refused{(index is null ? "" : string.Create(CultureInfo.InvariantCulture, $" at action {index}"))}: {cleanMessage ?? code}",
                code,
                index);
        }

        return Response.FromValue<IReadOnlyList<Response>>(parts, response);
    }

    private async Task<Response> WriteAsync<T>(T entity, ETag? ifMatch, TableUpdateMode mode, CancellationToken cancellationToken)
        where T : ITableEntity
    {
        ArgumentNullException.ThrowIfNull(entity);
        var method = mode == TableUpdateMode.Replace ? RequestMethod.Put : RequestMethod.Patch;
        var body = TableEntitySerializer.Serialize(entity);
        using var message = context.CreateMessage(method, "/" + Name + EntityPath(entity.PartitionKey, entity.RowKey), hasBody: true);
        if (ifMatch is { } etag)
        {
            // With If-Match this is Update/Merge; without it the service treats PUT/PATCH as an upsert.
            message.Request.Headers.SetValue("If-Match", IfMatch(etag));
        }

        message.Request.Content = RequestContent.Create(body);
        await context.Pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        return StoragePipeline.EnsureStatus(message.Response, 204);
    }

    private async Task<Page<T>> QueryPageAsync<T>(string? filter, int? top, List<string>? select, string? continuation, CancellationToken cancellationToken)
        where T : class, ITableEntity, new()
    {
        using var message = context.CreateMessage(RequestMethod.Get, "/" + Name + "()", hasBody: false);
        var uri = message.Request.Uri;
        if (!string.IsNullOrEmpty(filter))
        {
            uri.AppendQuery("$filter", filter, escapeValue: true);
        }

        if (top is not null)
        {
            // The service never returns more than 1000 per page; Azurite silently caps, Azure would refuse more.
            uri.AppendQuery("$top", Math.Clamp(top.Value, 1, 1000).ToString(CultureInfo.InvariantCulture), escapeValue: true);
        }

        AppendSelect(message, select);
        if (continuation is not null)
        {
            var separator = continuation.IndexOf(' ', StringComparison.Ordinal);
            uri.AppendQuery("NextPartitionKey", separator < 0 ? continuation : continuation[..separator], escapeValue: true);
            if (separator >= 0)
            {
                uri.AppendQuery("NextRowKey", continuation[(separator + 1)..], escapeValue: true);
            }
        }

        await context.Pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var response = StoragePipeline.EnsureStatus(message.Response, 200);
        using var document = JsonDocument.Parse(response.Content);
        var values = document.RootElement.GetProperty("value").EnumerateArray()
            .Select(element => TableEntitySerializer.Deserialize<T>(element))
            .ToList();
        string? next = null;
        if (response.Headers.TryGetValue("x-ms-continuation-NextPartitionKey", out var nextPartition) && !string.IsNullOrEmpty(nextPartition))
        {
            // One opaque token, as the official client does: "NextPartitionKey NextRowKey".
            next = response.Headers.TryGetValue("x-ms-continuation-NextRowKey", out var nextRow) && !string.IsNullOrEmpty(nextRow)
                ? nextPartition + " " + nextRow
                : nextPartition;
        }

        return Page<T>.FromValues(values, next, response);
    }

    private static void AppendSelect(HttpMessage message, IEnumerable<string>? select)
    {
        if (select is not null && select.Any())
        {
            message.Request.Uri.AppendQuery("$select", string.Join(',', select), escapeValue: true);
        }
    }

    internal static string EntityPath(string partitionKey, string rowKey)
    {
        TableLimits.ValidateKey(partitionKey, nameof(partitionKey));
        TableLimits.ValidateKey(rowKey, nameof(rowKey));
        return "(PartitionKey='" + EscapeKey(partitionKey) + "',RowKey='" + EscapeKey(rowKey) + "')";
    }

    // Quotes are doubled (OData string literal) and then everything outside the unreserved set is percent-encoded.
    private static string EscapeKey(string key) => Uri.EscapeDataString(key.Replace("'", "''", StringComparison.Ordinal));

    internal static string IfMatch(ETag etag) => etag == default || etag == ETag.All ? "*" : etag.ToString("H");

    private static string ODataLiteral(object? value) => value switch
    {
        null => "null",
        string text => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'",
        bool flag => flag ? "true" : "false",
        int number => number.ToString(CultureInfo.InvariantCulture),
        long number => number.ToString(CultureInfo.InvariantCulture) + "L",
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        DateTimeOffset moment => "datetime'" + moment.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture) + "'",
        DateTime moment => "datetime'" + moment.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture) + "'",
        Guid guid => "guid'" + guid.ToString("D") + "'",
        byte[] bytes => "X'" + Convert.ToHexString(bytes) + "'",
        Enum member => "'" + member + "'",
        _ => throw new NotSupportedException($"A {value.GetType().Name} cannot be used in a table filter."),
    };
}

/// <summary>The answer of <see cref="TableClient.GetEntityIfExistsAsync{T}"/> when there is no entity.</summary>
internal sealed class MissingValueResponse<T> : NullableResponse<T>
{
    private readonly Response response;

    public MissingValueResponse(Response response) => this.response = response;

    public override bool HasValue => false;

    public override T? Value => default;

    public override Response GetRawResponse() => response;
}

internal sealed record TableNameBody(string TableName);

[System.Text.Json.Serialization.JsonSerializable(typeof(TableNameBody))]
internal sealed partial class StorageJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
