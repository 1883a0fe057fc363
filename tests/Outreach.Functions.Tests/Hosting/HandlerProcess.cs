using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Outreach.Functions.Tests.Hosting;

/// <summary>
/// The built handler started the way the Functions host starts it: its own process, the port in
/// <c>FUNCTIONS_CUSTOMHANDLER_PORT</c>, settings as environment variables, ready once <c>GET /</c> answers.
/// </summary>
public sealed class HandlerProcess : IAsyncDisposable
{
    private static readonly TimeSpan ReadinessTimeout = TimeSpan.FromSeconds(60);
    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();

    private HandlerProcess(Process process, int port)
    {
        this.process = process;
        Port = port;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>The port the "host" chose.</summary>
    public int Port { get; }

    /// <summary>A client for the handler's own address, as the host calls it.</summary>
    public HttpClient Client { get; }

    /// <summary>Everything the handler wrote to stdout and stderr so far (for failure messages).</summary>
    public string Output => string.Join(Environment.NewLine, output);

    /// <summary>The path of the built handler (same configuration as the tests).</summary>
    public static string HandlerAssembly =>
        Path.Combine(RepositoryFiles.Root, "src", "Functions", "bin", RepositoryFiles.Configuration, "net10.0", "Outreach.Functions.dll");

    /// <summary>Starts the handler with <paramref name="settings"/> as its environment and waits until it is ready.</summary>
    public static async Task<HandlerProcess> StartAsync(IReadOnlyDictionary<string, string> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryFiles.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(HandlerAssembly);
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        start.Environment["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["FUNCTIONS_APP_ROOT_PATH"] = RepositoryFiles.Root;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var handler = new HandlerProcess(process, port);
        process.OutputDataReceived += (_, line) => handler.Collect(line.Data);
        process.ErrorDataReceived += (_, line) => handler.Collect(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await handler.WaitUntilReadyAsync();
        }
        catch
        {
            await handler.DisposeAsync();
            throw;
        }

        return handler;
    }

    /// <summary>True while the process runs.</summary>
    public bool IsRunning => !process.HasExited;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private void Collect(string? line)
    {
        if (line is not null)
        {
            output.Enqueue(line);
        }
    }

    private async Task WaitUntilReadyAsync()
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < ReadinessTimeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The handler exited with {process.ExitCode} before it was ready:{Environment.NewLine}{Output}");
            }

            try
            {
                using var probe = await Client.GetAsync(new Uri("/", UriKind.Relative));
                if (probe.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }

        throw new TimeoutException($"The handler did not answer GET / within {ReadinessTimeout}:{Environment.NewLine}{Output}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
