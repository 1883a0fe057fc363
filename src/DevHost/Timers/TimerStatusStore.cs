using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Outreach.DevHost.Invocations;

namespace Outreach.DevHost.Timers;

/// <summary>
/// Where monitored timers (<c>useMonitor</c>) keep their last and next occurrence between runs of DevHost, so that an occurrence
/// missed while DevHost was not running fires at start as past due, as the host does with its status blobs. Kept in the local
/// storage account (table <c>devhosttimers</c>, one partition per app root); failures only cost the memory across restarts.
/// </summary>
public sealed partial class TimerStatusStore
{
    /// <summary>The table, in the local development storage only.</summary>
    public const string TableName = "devhosttimers";

    private readonly TableClient table;
    private readonly string partition;
    private readonly ILogger logger;
    private int created;

    /// <summary>Creates the store in the account of <paramref name="connectionString"/> for the app at <paramref name="appRoot"/>.</summary>
    public TimerStatusStore(string connectionString, string appRoot, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(appRoot);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        table = new TableClient(connectionString, TableName, new TableClientOptions { Retry = { MaxRetries = 2 } });

        // Like the host id: apps sharing one storage account keep their timers apart.
        partition = "app-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(appRoot))))[..16];
        logger = loggerFactory.CreateLogger("Host.Timers");
    }

    /// <summary>The saved status of <paramref name="functionName"/>, or null.</summary>
    public async Task<TimerScheduleStatus?> LoadAsync(string functionName, CancellationToken cancellationToken)
    {
        try
        {
            await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
            var response = await table.GetEntityIfExistsAsync<TableEntity>(partition, functionName, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!response.HasValue || response.Value is not { } entity)
            {
                return null;
            }

            return entity.GetDateTimeOffset("Last") is { } last && entity.GetDateTimeOffset("Next") is { } next
                ? new TimerScheduleStatus(last, next, entity.GetDateTimeOffset("LastUpdated") ?? last)
                : null;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogUnavailable(logger, exception, functionName);
            return null;
        }
    }

    /// <summary>Saves the status of <paramref name="functionName"/>.</summary>
    public async Task SaveAsync(string functionName, TimerScheduleStatus status, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(status);
        try
        {
            await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
            var entity = new TableEntity(partition, functionName)
            {
                ["Last"] = status.Last,
                ["Next"] = status.Next,
                ["LastUpdated"] = status.LastUpdated,
            };
            await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogUnavailable(logger, exception, functionName);
        }
    }

    private async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref created) == 0)
        {
            await table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref created, 1);
        }
    }

    [LoggerMessage(EventId = 510, Level = LogLevel.Warning, Message = "The schedule status of {FunctionName} could not be read or saved; it is kept in memory only")]
    private static partial void LogUnavailable(ILogger logger, Exception exception, string functionName);
}
