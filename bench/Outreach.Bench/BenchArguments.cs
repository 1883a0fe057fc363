using System.Globalization;

namespace Outreach.Bench;

/// <summary>The command line: <c>[mode] --name value …</c>. Modes: <c>run</c> (default), and the child modes <c>fake-sendgrid</c> and <c>seed</c>.</summary>
internal sealed class BenchArguments
{
    private readonly Dictionary<string, string> values = new(StringComparer.OrdinalIgnoreCase);

    private BenchArguments(string mode) => Mode = mode;

    public string Mode { get; }

    public static string Usage => """
        Outreach.Bench: a newsletter to N synthetic recipients through the real path (planning, the campaign-batches queue,
        CampaignBatchSender, delivery rows in Azurite, a fake SendGrid on loopback), beside the per-recipient baseline.

          dotnet run -c Release --project bench/Outreach.Bench -- [options]
          dotnet run -c Release --project bench/Outreach.Bench -- azurite-floor [--recipients N] [--concurrency C]

          --recipients N            recipients (default 100000; 5000 with --fault)
          --latency-ms MS           the fake SendGrid's answer delay per request (default 0)
          --baseline-recipients M   recipients of the per-recipient baseline (default N; 0 skips it; fewer than N is scaled)
          --fault SCENARIO          fault mode instead of the speed run: 429-reset, 429, 500, 502, slow, drop, redeliver, or all
          --fault-first K           fault the first K SendGrid requests (default 3)
          --fault-rate F            fault a fraction F (0..1) of the SendGrid requests instead (fixed seed)
          --claim-lease-seconds L   fault mode: the batch claim lease (default 30; the app's is 11 minutes)
          --list-size S             rows per seeded recipient list (default 5000)
          --concurrency C           batch consumers in flight (default from host.json: batchSize + newBatchThreshold)
          --timeout-seconds T       give up waiting for the batches after T s (default 900)
          --out PATH                result file (default bench/results/latest.json, or faults-latest.json with --fault)
          --verbose                 the app's logs (Warning and up) on the console
        """;

    public static BenchArguments Parse(string[] args)
    {
        var index = 0;
        var mode = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[index++] : "run";
        var parsed = new BenchArguments(mode);
        while (index < args.Length)
        {
            var name = args[index++];
            if (!name.StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Unexpected argument '{name}'.\n\n{Usage}");
            }

            var value = index < args.Length && !args[index].StartsWith("--", StringComparison.Ordinal) ? args[index++] : "true";
            parsed.values[name[2..]] = value;
        }

        return parsed;
    }

    public bool Has(string name) => values.ContainsKey(name);

    public string? Text(string name) => values.TryGetValue(name, out var value) ? value : null;

    public string Required(string name) => Text(name) ?? throw new ArgumentException($"--{name} is required in {Mode} mode.");

    public int Int(string name, int fallback) =>
        Text(name) is { } value
            ? int.Parse(value, NumberStyles.Integer, CultureInfo.InvariantCulture)
            : fallback;

    public int? OptionalInt(string name) =>
        Text(name) is { } value ? int.Parse(value, NumberStyles.Integer, CultureInfo.InvariantCulture) : null;

    public double? OptionalDouble(string name) =>
        Text(name) is { } value ? double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture) : null;
}
