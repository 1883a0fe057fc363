using System.Globalization;
using Azure.Data.Tables;
using Outreach.Bench.Hosting;
using Outreach.Bench.Measuring;

namespace Outreach.Bench.Runs;

/// <summary>
/// <c>self-check</c> mode: proves the harness's own measuring against known operations before trusting it with the
/// app's: Azurite starts, the app's storage clients carry the counter, one $batch of 100 entities is one transaction,
/// a query is a read, and the host-shaped queue consumer handles every message once.
/// </summary>
internal static class SelfCheck
{
    public static async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        await using var azurite = await AzuriteProcess.StartAsync(cancellationToken);
        var counter = new StorageRequestCounter { TablePort = azurite.TablePort, QueuePort = azurite.QueuePort };
        var folder = Path.Combine(Path.GetTempPath(), "outreach-bench-selfcheck-" + Guid.NewGuid().ToString("N")[..6]);
        await using var services = await BenchServices.StartAsync(azurite.ConnectionString, "http://127.0.0.1:9", folder, counter, verbose: true, cancellationToken: cancellationToken);
        var failures = 0;
        void Expect(string what, long expected, long actual)
        {
            var ok = expected == actual;
            failures += ok ? 0 : 1;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $" {(ok ? "ok  " : "FAIL")} {what}: expected {expected}, got {actual}"));
        }

        StorageRequestCounter.Phase = "check";
        var table = services.Tables().GetTableClient("benchselfcheck");
        await table.CreateIfNotExistsAsync(cancellationToken);
        await table.SubmitTransactionAsync(
            Enumerable.Range(0, 100).Select(index => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", index.ToString("D3", CultureInfo.InvariantCulture)))),
            cancellationToken);
        await table.UpsertEntityAsync(new TableEntity("p", "single"), cancellationToken: cancellationToken);
        var rows = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(entity => entity.PartitionKey == "p", cancellationToken: cancellationToken))
        {
            rows++;
        }

        var counts = counter.Of("check");
        Expect("rows read back", 101, rows);
        Expect("$batch transactions", 1, counts.TableBatchTransactions);
        Expect("single writes (create table + upsert)", 2, counts.TableSingleWrites);
        Expect("table reads (one query page)", 1, counts.TableReads);

        var queues = services.Queues();
        var queue = queues.GetQueueClient("benchselfcheck");
        await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        for (var index = 0; index < 50; index++)
        {
            await queue.SendMessageAsync(BinaryData.FromString(index.ToString(CultureInfo.InvariantCulture)), cancellationToken: cancellationToken);
        }

        var handled = 0;
        var host = HostQueueSettings.Read();
        using var stop = new CancellationTokenSource();
        using var consumer = new QueueTriggerEmulator(queues, "benchselfcheck", host, host.MaxInFlight, "check-consumer", async (_, token) =>
        {
            Interlocked.Increment(ref handled);
            await Task.Delay(20, token);
        });
        var running = consumer.RunAsync(stop.Token);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (Volatile.Read(ref handled) < 50 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, cancellationToken);
        }

        await Task.Delay(500, cancellationToken);
        await stop.CancelAsync();
        await running;
        Expect("queue messages handled once", 50, handled);
        Expect("queue left empty", 0, (await queue.GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount);
        Directory.Delete(folder, recursive: true);
        return failures == 0 ? 0 : 1;
    }
}
