using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;

namespace Outreach.Bench.FakeSendGrid;

/// <summary>The fake SendGrid in a child process (this program in <c>fake-sendgrid</c> mode), and a client for its counts.</summary>
internal sealed class FakeSendGridProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly HttpClient http;

    private FakeSendGridProcess(Process process, string baseUrl)
    {
        this.process = process;
        BaseUrl = baseUrl;
        http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
    }

    public string BaseUrl { get; }

    public int ProcessId => process.Id;

    public static async Task<FakeSendGridProcess> StartAsync(int latencyMs, FaultScenario fault, int faultFirst, double? faultRate, int slowMs, bool recordKeys, CancellationToken cancellationToken)
    {
        var arguments = new List<string> { "fake-sendgrid", "--latency-ms", latencyMs.ToString(CultureInfo.InvariantCulture) };
        if (recordKeys)
        {
            arguments.Add("--record-keys");
        }

        if (fault != FaultScenario.None)
        {
            arguments.AddRange(["--fault", FaultScenarios.NameOf(fault), "--fault-first", faultFirst.ToString(CultureInfo.InvariantCulture),
                "--slow-ms", slowMs.ToString(CultureInfo.InvariantCulture)]);
            if (faultRate is { } rate)
            {
                arguments.AddRange(["--fault-rate", rate.ToString(CultureInfo.InvariantCulture)]);
            }
        }

        var process = ChildProcesses.Start(arguments);
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is not null)
            {
                Console.Error.WriteLine("[fake-sendgrid] " + line.Data);
            }
        };
        process.BeginErrorReadLine();
        var first = await process.StandardOutput.ReadLineAsync(cancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
        if (first is null || !first.StartsWith("listening ", StringComparison.Ordinal))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException("The fake SendGrid did not start: " + first);
        }

        return new FakeSendGridProcess(process, first["listening ".Length..]);
    }

    public async Task<FakeSendGridCounts> CountsAsync(CancellationToken cancellationToken = default) =>
        await http.GetFromJsonAsync<FakeSendGridCounts>("/counts", cancellationToken) ?? FakeSendGridCounts.Empty;

    /// <summary>The delivery keys the fake took (fault mode only).</summary>
    public async Task<HashSet<string>> AcceptedKeysAsync(CancellationToken cancellationToken = default)
    {
        var text = await http.GetStringAsync(new Uri("/keys", UriKind.Relative), cancellationToken);
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        try
        {
            process.StandardInput.Close();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Gone already.
        }

        process.Dispose();
    }
}
