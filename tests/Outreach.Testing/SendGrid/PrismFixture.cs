using System.Diagnostics;
using System.Globalization;
using System.Text;
using Outreach.DevHost.Azurite;
using Outreach.DevHost.Handler;
using Xunit;

namespace Outreach.Testing.SendGrid;

/// <summary>
/// The pinned Prism mock (<c>@stoplight/prism-cli</c> from package.json, installed by <c>npm ci</c>) serving SendGrid's
/// own OpenAPI description (<c>tests/Outreach.Testing/SendGrid/openapi/tsg_mail_v3.yaml</c>) on 127.0.0.1, so that
/// tests can check that our requests are what SendGrid documents. Prism answers 202 to a request that matches the
/// description and 400 with the reason in the <c>sl-violations</c> header to one that does not. Started once per
/// test class or collection, stopped (the whole process tree) on dispose.
/// </summary>
public sealed class PrismFixture : IAsyncLifetime
{
    /// <summary>The header in which Prism reports why a request violates the description.</summary>
    public const string ViolationsHeader = "sl-violations";

    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(90);

    private readonly StringBuilder output = new();
    private Process? process;

    /// <summary>The mock's base URL, e.g. <c>http://127.0.0.1:40123</c>.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>The description Prism serves.</summary>
    public static string SpecificationPath =>
        Path.Combine(AzuriteLauncher.FindRepositoryRoot(), "tests", "Outreach.Testing", "SendGrid", "openapi", "tsg_mail_v3.yaml");

    /// <summary>What Prism printed so far (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var root = AzuriteLauncher.FindRepositoryRoot();
        var script = Path.Combine(root, "node_modules", "@stoplight", "prism-cli", "dist", "index.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"Prism is not installed under {root}. Run 'npm ci' in the repository root first.");
        }

        var port = HandlerProcess.FreeTcpPort();
        BaseUrl = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}");

        // node plus the package's bin script is what node_modules/.bin/prism runs, on every OS.
        var startInfo = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = root,
        };
        foreach (var argument in new[] { script, "mock", SpecificationPath, "-h", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture) })
        {
            startInfo.ArgumentList.Add(argument);
        }

        process = Process.Start(startInfo) ?? throw new InvalidOperationException("Prism could not be started.");
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            await WaitUntilAnsweringAsync();
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (process is null)
        {
            return;
        }

        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync();
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        process.Dispose();
        process = null;
    }

    // Any HTTP answer means Prism is listening (GET on mail/send is a 405 from the description).
    private async Task WaitUntilAnsweringAsync()
    {
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + StartupTimeout;
        while (true)
        {
            if (process!.HasExited)
            {
                throw new InvalidOperationException("Prism exited during start-up:\n" + Output);
            }

            try
            {
                using var response = await probe.GetAsync(new Uri(BaseUrl + "/v3/mail/send"));
                return;
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"Prism did not answer within {StartupTimeout.TotalSeconds} s:\n" + Output, exception);
                }
            }

            await Task.Delay(200);
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }
}
