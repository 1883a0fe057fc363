using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Outreach.Core.Storage.Tables;

/// <summary>
/// The Table service of one storage account: create, delete and list tables, and hand out <see cref="TableClient"/>s
/// that share its pipeline. Mirrors <c>Azure.Data.Tables.TableServiceClient</c>; thread-safe, meant to be a singleton.
/// </summary>
public class TableServiceClient
{
    private readonly TableRestContext context;

    /// <summary>Connects with a connection string (account key or <c>UseDevelopmentStorage=true</c>).</summary>
    public TableServiceClient(string connectionString)
        : this(connectionString, new TableClientOptions())
    {
    }

    /// <summary>Connects with a connection string and options.</summary>
    public TableServiceClient(string connectionString, TableClientOptions? options)
    {
        var parsed = StorageConnectionString.Parse(connectionString);
        context = TableRestContext.ForSharedKey(parsed.TableEndpoint, parsed.Credential, options ?? new TableClientOptions());
    }

    /// <summary>Connects with a Microsoft Entra credential (a managed identity in Azure); the endpoint must be https.</summary>
    public TableServiceClient(Uri endpoint, TokenCredential tokenCredential, TableClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        context = TableRestContext.ForToken(endpoint, tokenCredential, options ?? new TableClientOptions());
    }

    /// <summary>Connects with an account name and key.</summary>
    public TableServiceClient(Uri endpoint, AzureNamedKeyCredential credential, TableClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(credential);
        context = TableRestContext.ForSharedKey(endpoint, credential, options ?? new TableClientOptions());
    }

    /// <summary>For mocking.</summary>
    protected TableServiceClient() => context = null!;

    /// <summary>The storage account's name.</summary>
    public virtual string AccountName => context.AccountName;

    /// <summary>The Table service endpoint.</summary>
    public virtual Uri Uri => context.Endpoint;

    /// <summary>A client for one table, sharing this client's pipeline.</summary>
    public virtual TableClient GetTableClient(string tableName) => new(context, tableName);

    /// <summary>Creates the table unless it exists; the 409 of an existing table is returned, not thrown.</summary>
    public virtual Task<Response<TableItem>> CreateTableIfNotExistsAsync(string tableName, CancellationToken cancellationToken = default) =>
        GetTableClient(tableName).CreateIfNotExistsAsync(cancellationToken);

    /// <summary>Creates the table; throws 409 <c>TableAlreadyExists</c> when it exists.</summary>
    public virtual Task<Response<TableItem>> CreateTableAsync(string tableName, CancellationToken cancellationToken = default) =>
        GetTableClient(tableName).CreateAsync(cancellationToken);

    /// <summary>Deletes the table; a missing table is not an error (its 404 is returned).</summary>
    public virtual Task<Response> DeleteTableAsync(string tableName, CancellationToken cancellationToken = default) =>
        GetTableClient(tableName).DeleteAsync(cancellationToken);

    /// <summary>Lists tables, optionally filtered (OData, e.g. <c>TableName eq 'leaders'</c>), following continuations.</summary>
    public virtual AsyncPageable<TableItem> QueryAsync(string? filter = null, int? maxPerPage = null, CancellationToken cancellationToken = default) =>
        new StoragePageable<TableItem>((token, pageSize, ct) => context.QueryTablesAsync(filter, pageSize ?? maxPerPage, token, ct), cancellationToken);
}

/// <summary>What every table request shares: the endpoint, the pipeline and the version.</summary>
internal sealed class TableRestContext
{
    private TableRestContext(Uri endpoint, string accountName, HttpPipeline pipeline, string version)
    {
        Endpoint = endpoint;
        AccountName = accountName;
        Pipeline = pipeline;
        Version = version;
    }

    public Uri Endpoint { get; }

    public string AccountName { get; }

    public HttpPipeline Pipeline { get; }

    public string Version { get; }

    public static TableRestContext ForSharedKey(Uri endpoint, AzureNamedKeyCredential credential, TableClientOptions options) =>
        new(Trim(endpoint), credential.Name, StoragePipeline.Build(options, new StorageSharedKeyPolicy(credential, StorageService.Table, options.TimeProvider)), options.VersionString);

    public static TableRestContext ForToken(Uri endpoint, TokenCredential credential, TableClientOptions options) =>
        new(Trim(endpoint), AccountFromHost(endpoint), StoragePipeline.Build(options, StoragePipeline.TokenPolicy(endpoint, credential)), options.VersionString);

    public HttpMessage CreateMessage(RequestMethod method, string relativePath, bool hasBody)
    {
        var message = Pipeline.CreateMessage();
        var request = message.Request;
        request.Method = method;
        request.Uri.Reset(Endpoint);
        request.Uri.AppendPath(relativePath, escape: false);
        request.Headers.SetValue("x-ms-version", Version);
        request.Headers.SetValue("DataServiceVersion", "3.0");
        request.Headers.SetValue("MaxDataServiceVersion", "3.0;NetFx");
        request.Headers.SetValue("Accept", "application/json;odata=minimalmetadata");
        if (hasBody)
        {
            request.Headers.SetValue("Content-Type", "application/json");
        }

        return message;
    }

    public async Task<Page<TableItem>> QueryTablesAsync(string? filter, int? top, string? continuation, CancellationToken cancellationToken)
    {
        using var message = CreateMessage(RequestMethod.Get, "/Tables", hasBody: false);
        if (filter is not null)
        {
            message.Request.Uri.AppendQuery("$filter", filter, escapeValue: true);
        }

        if (top is not null)
        {
            message.Request.Uri.AppendQuery("$top", Math.Clamp(top.Value, 1, 1000).ToString(System.Globalization.CultureInfo.InvariantCulture), escapeValue: true);
        }

        if (continuation is not null)
        {
            message.Request.Uri.AppendQuery("NextTableName", continuation, escapeValue: true);
        }

        await Pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var response = StoragePipeline.EnsureStatus(message.Response, 200);
        using var document = System.Text.Json.JsonDocument.Parse(response.Content);
        var items = document.RootElement.GetProperty("value").EnumerateArray()
            .Select(e => new TableItem(e.GetProperty("TableName").GetString()!))
            .ToList();
        var next = response.Headers.TryGetValue("x-ms-continuation-NextTableName", out var nextTable) ? nextTable : null;
        return Page<TableItem>.FromValues(items, next, response);
    }

    private static Uri Trim(Uri endpoint) => new(endpoint.AbsoluteUri.TrimEnd('/'));

    private static string AccountFromHost(Uri endpoint)
    {
        // https://{account}.table.core.windows.net, or path style https://host/{account} (the emulator).
        var host = endpoint.Host;
        var dot = host.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && !System.Net.IPAddress.TryParse(host, out _) ? host[..dot] : endpoint.AbsolutePath.Trim('/').Split('/')[0];
    }
}
