extern alias functions;

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Outreach.Core.Storage;
using Outreach.Functions.Invocations;

namespace Outreach.Functions.Tests;

/// <summary>
/// The handler in process, configured from local.settings.sample.json, plus test functions that echo what the
/// protocol layer decoded (and one that fails).
/// </summary>
public class HandlerFactory : WebApplicationFactory<functions::Program>
{
    public const string StaffKey = "local-dev-staff-key";
    public const string AdminMemberKey = "admin-member-key-0123456789";
    public const string StaffMemberKey = "staff-member-key-0123456789";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        foreach (var (key, value) in RepositoryFiles.SampleSettings())
        {
            builder.UseSetting(key.Replace("__", ":", StringComparison.Ordinal), value);
        }

        builder.UseSetting("FUNCTIONS_APP_ROOT_PATH", RepositoryFiles.Root);
        builder.UseSetting("Outreach:Staff:Members:0:Name", "anne.admin");
        builder.UseSetting("Outreach:Staff:Members:0:ApiKey", AdminMemberKey);
        builder.UseSetting("Outreach:Staff:Members:0:Roles", "Staff,Admin");
        builder.UseSetting("Outreach:Staff:Members:1:Name", "sam.staff");
        builder.UseSetting("Outreach:Staff:Members:1:ApiKey", StaffMemberKey);
        builder.UseSetting("Outreach:Staff:Members:1:Roles", "Staff");
        foreach (var (key, value) in OverriddenSettings())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            if (!CreatesStorageAtStart)
            {
                // These tests speak the protocol only and run no storage, so nothing is created at start.
                services.Remove(services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(StorageInitializer)));
            }

            services.AddQueueFunction<EchoItem, EchoQueueFunction>(EchoQueueFunction.Name, "message", TestJsonContext.Default.EchoItem, item => item.Text is null ? "text is missing" : null);
            services.AddTimerFunction<EchoTimerFunction>(EchoTimerFunction.Name, "timer");
            services.AddTimerFunction<ThrowingTimerFunction>(ThrowingTimerFunction.Name, "timer");
        });
    }

    /// <summary>True when the factory runs storage of its own, whose tables and queues are created at start as in the app.</summary>
    protected virtual bool CreatesStorageAtStart => false;

    /// <summary>Settings a derived factory points elsewhere (its storage, its outbox), in configuration-key form.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string>> OverriddenSettings() => [];
}

public sealed record EchoItem(string Text);

[System.Text.Json.Serialization.JsonSourceGenerationOptions(PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.CamelCase)]
[System.Text.Json.Serialization.JsonSerializable(typeof(EchoItem))]
public sealed partial class TestJsonContext : System.Text.Json.Serialization.JsonSerializerContext;

/// <summary>Echoes the decoded message and metadata into its output and logs.</summary>
public sealed class EchoQueueFunction : IQueueFunction<EchoItem>
{
    public const string Name = "EchoQueue";

    public Task<InvocationResult> RunAsync(EchoItem item, QueueMessageMetadata message, CancellationToken cancellationToken) =>
        Task.FromResult(new InvocationResult()
            .AddQueueMessages("echo", [item], TestJsonContext.Default.EchoItem)
            .Log($"id={message.Id} dequeueCount={message.DequeueCount}"));
}

/// <summary>Echoes the decoded timer value into its logs.</summary>
public sealed class EchoTimerFunction : ITimerFunction
{
    public const string Name = "EchoTimer";

    public Task<InvocationResult> RunAsync(TimerInfo timer, CancellationToken cancellationToken) =>
        Task.FromResult(new InvocationResult()
            .AddQueueMessages("echo", Array.Empty<EchoItem>(), TestJsonContext.Default.EchoItem)
            .Log($"pastDue={timer.IsPastDue} next={timer.ScheduleStatus?.Next?.ToString("O", System.Globalization.CultureInfo.InvariantCulture) ?? "none"}"));
}

/// <summary>Fails like a function whose storage is down.</summary>
public sealed class ThrowingTimerFunction : ITimerFunction
{
    public const string Name = "ThrowingTimer";

    public Task<InvocationResult> RunAsync(TimerInfo timer, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("storage is down");
}
