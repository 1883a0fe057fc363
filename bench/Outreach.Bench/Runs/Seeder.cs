using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Bench.Hosting;
using Outreach.Core.RecipientLists;

namespace Outreach.Bench.Runs;

/// <summary>
/// Seeds the synthetic audience as uploaded recipient lists through the real <see cref="RecipientListService"/> (not
/// timed), in a child process (<c>seed</c> mode) so that parsing 100,000 CSV rows leaves nothing in the measured
/// process. Prints <c>list {id} {rows} {problems} {seconds}</c> per list. Lists of 5,000 rows by default: a list is one
/// partition, and Azurite's upsert scans the partition (LokiJS), so one 100,000-row list takes quadratic time to write
/// there (20,000 rows: 223 s on the shared machine), which Azure Table Storage does not.
/// </summary>
internal static class Seeder
{
    public static async Task<int> RunAsync(BenchArguments arguments)
    {
        var recipients = arguments.Int("recipients", 100_000);
        var listSize = arguments.Int("list-size", 5_000);
        var prefix = arguments.Required("prefix");
        var folder = Path.Combine(Path.GetTempPath(), "outreach-bench-seed-" + Guid.NewGuid().ToString("N")[..8]);
        await using var services = await BenchServices.StartAsync(arguments.Required("storage"), sendGridBaseUrl: null, folder, counter: null, verbose: arguments.Has("verbose"));
        var lists = services.GetRequiredService<RecipientListService>();
        var ranges = Enumerable.Range(0, (recipients + listSize - 1) / listSize).Select(index => (From: index * listSize, To: Math.Min(recipients, (index + 1) * listSize)));
        var output = new Lock();

        // Two uploads at a time: each writes its rows in sequential transactions, so a second one overlaps the waits.
        await Parallel.ForEachAsync(ranges, new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (range, token) =>
        {
            var clock = Stopwatch.StartNew();
            using var csv = new MemoryStream(SyntheticRecipients.Csv(prefix, range.From, range.To), writable: false);
            var upload = await lists.UploadAsync(string.Create(CultureInfo.InvariantCulture, $"bench {prefix} {range.From}-{range.To - 1}"), csv, "bench.seeder", token);
            lock (output)
            {
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"list {upload.List.Id} {upload.List.Rows} {upload.Problems.Count} {clock.Elapsed.TotalSeconds:0.0}"));
                if (upload.Problems.Count > 0)
                {
                    var first = upload.Problems[0];
                    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seed: {upload.Problems.Count} rows refused, first: line {first.Line} {first.Field}: {first.Message}"));
                }
            }
        });

        Directory.Delete(folder, recursive: true);
        return 0;
    }

    /// <summary>Runs the seeder child and answers the list ids it made.</summary>
    public static async Task<IReadOnlyList<string>> SeedAsync(string storage, int recipients, int listSize, string prefix, CancellationToken cancellationToken)
    {
        using var process = ChildProcesses.Start(
        [
            "seed", "--storage", storage, "--recipients", recipients.ToString(CultureInfo.InvariantCulture),
            "--list-size", listSize.ToString(CultureInfo.InvariantCulture), "--prefix", prefix,
        ]);
        process.StandardInput.Close();
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        var ids = new List<string>();
        var rows = 0;
        while (await process.StandardOutput.ReadLineAsync(cancellationToken) is { } line)
        {
            var parts = line.Split(' ');
            if (parts is ["list", var id, var count, ..])
            {
                ids.Add(id);
                rows += int.Parse(count, CultureInfo.InvariantCulture);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  seeded list {id}: {count} rows ({parts[^1]} s)"));
            }
        }

        await process.WaitForExitAsync(cancellationToken);
        var stderr = await errors;
        if (process.ExitCode != 0 || rows != recipients)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"Seeding failed (exit {process.ExitCode}, {rows} of {recipients} rows): {stderr}"));
        }

        return ids;
    }
}
