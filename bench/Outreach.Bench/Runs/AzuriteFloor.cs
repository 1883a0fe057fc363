using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using Outreach.Bench.Hosting;

namespace Outreach.Bench.Runs;

/// <summary>
/// <c>azurite-floor</c> mode: what the pinned Azurite alone needs on this machine for the table work of an N-recipient
/// newsletter, with nothing else running: reading N list rows in pages of 1,000 (planning), and writing N delivery rows
/// in transactions of 100 into partitions of 1,000 (dispatch), once shaped as the app wrote them before issue 12's
/// changes (upsert, six properties) and once as now (insert, three). No part of the app runs, so the sum is a floor
/// under the harness's wall time.
/// </summary>
internal static class AzuriteFloor
{
    public static async Task<int> RunAsync(BenchArguments arguments, CancellationToken cancellationToken)
    {
        var rows = arguments.Int("recipients", 100_000);
        var concurrency = arguments.Int("concurrency", 12);
        await using var azurite = await AzuriteProcess.StartAsync(cancellationToken);
        var service = new TableServiceClient(azurite.ConnectionString);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Azurite floor: {rows} rows, {concurrency} transactions at once, load {Load()}"));

        var before = await WriteAsync(service, "floorupsert", rows, concurrency, TableTransactionActionType.UpsertReplace, lean: false, cancellationToken);
        Report("delivery rows, upsert, 6 properties (before)", rows, before);
        var now = await WriteAsync(service, "floorinsert", rows, concurrency, TableTransactionActionType.Add, lean: true, cancellationToken);
        Report("delivery rows, insert, 3 properties (now)", rows, now);

        var started = Stopwatch.GetTimestamp();
        var read = 0;
        await foreach (var page in service.GetTableClient("floorinsert").QueryAsync<TableEntity>(maxPerPage: 1000, cancellationToken: cancellationToken).AsPages())
        {
            read += page.Values.Count;
        }

        Report("reading them back, pages of 1,000", read, Stopwatch.GetElapsedTime(started));
        return 0;
    }

    private static async Task<TimeSpan> WriteAsync(
        TableServiceClient service, string name, int rows, int concurrency, TableTransactionActionType type, bool lean, CancellationToken cancellationToken)
    {
        var table = service.GetTableClient(name);
        await table.CreateIfNotExistsAsync(cancellationToken);
        var at = DateTimeOffset.UtcNow;
        var started = Stopwatch.GetTimestamp();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, (rows + 99) / 100),
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (transaction, ct) =>
            {
                var partition = string.Create(CultureInfo.InvariantCulture, $"newsletter-storkobenhavn-2027-01-{transaction / 10:D5}");
                var actions = Enumerable.Range(transaction * 100, Math.Min(100, rows - (transaction * 100))).Select(index =>
                {
                    // A recipient key is a keyed hash: 43 characters of base64url.
                    var entity = new TableEntity(partition, Convert.ToHexString(BitConverter.GetBytes(index * 2654435761L)).ToLowerInvariant().PadRight(43, 'k'))
                    {
                        ["Status"] = "Sent",
                        ["At"] = at,
                        ["ProviderMessageId"] = "bench-message-id-0000001",
                    };
                    if (!lean)
                    {
                        entity["CampaignId"] = "newsletter-storkobenhavn-2027-01";
                        entity["BatchNumber"] = transaction / 10;
                        entity["Detail"] = "";
                    }

                    return new TableTransactionAction(type, entity);
                }).ToList();
                await table.SubmitTransactionAsync(actions, ct);
            });
        return Stopwatch.GetElapsedTime(started);
    }

    private static void Report(string what, int rows, TimeSpan elapsed) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $" {what,-48} {elapsed.TotalSeconds,7:F1} s  {rows / elapsed.TotalSeconds,7:F0} rows/s"));

    private static string Load() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
}
