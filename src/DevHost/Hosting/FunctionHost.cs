using System.Globalization;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Outreach.DevHost.AppModel;
using Outreach.DevHost.Azurite;
using Outreach.DevHost.Handler;
using Outreach.DevHost.Http;
using Outreach.DevHost.Invocations;
using Outreach.DevHost.Queues;
using Outreach.DevHost.Settings;
using Outreach.DevHost.Timers;

namespace Outreach.DevHost.Hosting;

/// <summary>
/// DevHost as a whole: reads the app, settles storage (Azurite on demand), starts the handler, then plays the queue and timer
/// triggers and the HTTP front end until it is stopped. In Azure the Functions host does all this from the same files.
/// </summary>
public sealed partial class FunctionHost : IAsyncDisposable
{
    private const string StorageSetting = "AzureWebJobsStorage";
    private static readonly int[] DevelopmentStoragePorts = [10000, 10001, 10002];

    private readonly DevHostOptions options;
    private readonly ILoggerFactory loggerFactory;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly CancellationTokenSource stopping = new();
    private readonly CancellationTokenSource aborting = new();
    private readonly List<Task> loops = [];
    private readonly List<QueueTriggerListener> listeners = [];
    private readonly TaskCompletionSource<string> failed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private AzuriteLauncher? azurite;
    private static readonly TimeSpan RestartWindow = TimeSpan.FromMinutes(30);
    private const int MaximumRestarts = 3;
    private readonly Queue<DateTimeOffset> restarts = new();
    private HandlerProcess? handler;
    private Uri handlerAddress = null!;
    private string? handlerAssembly;
    private Dictionary<string, string> handlerEnvironment = [];
    private HandlerInvoker? invoker;
    private HttpForwarder? forwarder;
    private QueueBindings? queues;
    private int disposed;

    private FunctionHost(DevHostOptions options, ILoggerFactory loggerFactory, TimeProvider time)
    {
        this.options = options;
        this.loggerFactory = loggerFactory;
        this.time = time;
        logger = loggerFactory.CreateLogger("Host");
    }

    /// <summary>The app DevHost runs.</summary>
    public FunctionAppDefinition App { get; private set; } = null!;

    /// <summary>The settings given to the handler.</summary>
    public AppSettings Settings { get; private set; } = null!;

    /// <summary>Where <c>/api/...</c> answers.</summary>
    public Uri HttpBaseAddress => forwarder?.BaseAddress ?? throw new InvalidOperationException("DevHost is not started.");

    /// <summary>The storage connection string DevHost and the handler use.</summary>
    public string StorageConnectionString => Settings[StorageSetting] ?? "";

    /// <summary>The most recent invocations, oldest first.</summary>
    public IReadOnlyList<InvocationRecord> RecentInvocations => invoker?.RecentInvocations ?? [];

    /// <summary>The handler process DevHost runs now (null when attached to one), for tests and diagnostics.</summary>
    public int? HandlerProcessId => handler?.ProcessId;

    /// <summary>Completes with a reason when DevHost cannot go on (the handler exited too often, or could not be restarted).</summary>
    public Task<string> Failed => failed.Task;

    /// <summary>Starts everything and returns when the triggers are running; throws <see cref="InvalidOperationException"/> saying what to fix.</summary>
    public static async Task<FunctionHost> StartAsync(DevHostOptions options, ILoggerFactory loggerFactory, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var host = new FunctionHost(options, loggerFactory, time ?? TimeProvider.System);
        try
        {
            await host.StartCoreAsync(cancellationToken).ConfigureAwait(false);
            return host;
        }
        catch
        {
            await host.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The app root: the option, else the first folder with host.json above the current folder (or above DevHost itself).</summary>
    public static string FindAppRoot(string? configured)
    {
        if (!string.IsNullOrEmpty(configured))
        {
            var root = Path.GetFullPath(configured);
            return File.Exists(Path.Combine(root, "host.json"))
                ? root
                : throw new InvalidOperationException($"--app-root {root} has no host.json.");
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "host.json")))
                {
                    return folder.FullName;
                }
            }
        }

        throw new InvalidOperationException("No host.json found above the current folder; run DevHost in the repository or pass --app-root.");
    }

    /// <summary>The default handler assembly under <paramref name="appRoot"/> for <paramref name="configuration"/> (null: DevHost's own).</summary>
    public static string DefaultHandlerAssembly(string appRoot, string? configuration)
    {
        configuration ??= new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent?.Name switch
        {
            "Release" => "Release",
            _ => "Debug",
        };
        return Path.Combine(appRoot, "src", "Functions", "bin", configuration, "net10.0", "Outreach.Functions.dll");
    }

    private async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        var appRoot = FindAppRoot(options.AppRoot);
        App = FunctionAppDefinition.Load(appRoot);
        if (options.Functions.Count > 0)
        {
            App = App.Only(options.Functions);
        }

        Settings = AppSettings.Load(appRoot);
        var overridden = string.Join(", ", Settings.FromEnvironment.Order(StringComparer.Ordinal));
        LogAppRoot(logger, appRoot, Settings.Source ?? "(no local.settings.json)", overridden);
        LogFunctions();

        // A bad schedule is a mistake in a file: say so before anything is started.
        var schedules = new Dictionary<string, TimerSchedule>(StringComparer.Ordinal);
        foreach (var function in App.Functions.Where(function => function.Kind == TriggerKind.Timer))
        {
            try
            {
                schedules[function.Name] = TimerSchedule.Parse(Settings.Resolve(function.Trigger.Property("schedule")!));
            }
            catch (FormatException exception)
            {
                throw new InvalidDataException($"functions/{function.Name}/function.json: {exception.Message}", exception);
            }
        }

        await SettleStorageAsync(appRoot, cancellationToken).ConfigureAwait(false);

        queues = new QueueBindings(Settings, App.Host.Queues, loggerFactory);
        var queueFunctions = App.Functions.Where(function => function.Kind == TriggerKind.Queue).ToList();
        foreach (var binding in queueFunctions.Select(function => function.Trigger).Concat(App.Functions.SelectMany(function => function.QueueOutputs)))
        {
            var queue = queues.QueueFor(binding);
            try
            {
                await queues.EnsureCreatedAsync(queue, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException exception)
            {
                throw new InvalidOperationException($"Storage at {queue.Uri.GetLeftPart(UriPartial.Authority)} does not answer ({exception.Message}). Is Azurite running?", exception);
            }
        }

        var environment = new Dictionary<string, string>(Settings.Values, StringComparer.Ordinal);
        if (Settings["ASPNETCORE_ENVIRONMENT"] is null)
        {
            environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        }

        // ASP.NET Core's per-request lines would drown DevHost's own "Executed ..." lines; a setting can bring them back.
        if (Settings["Logging:LogLevel:Microsoft.AspNetCore"] is null)
        {
            environment["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning";
        }

        handlerEnvironment = environment;
        if (options.HandlerUrl is { } attached)
        {
            // Someone else runs the handler (a debugger): it gets its settings from them, DevHost only plays the host.
            handlerAddress = attached;
            await HandlerProcess.WaitForReadinessAsync(attached, App.Host.InitializationTimeout, () => null, cancellationToken).ConfigureAwait(false);
            LogAttached(logger, attached);
        }
        else
        {
            handlerAssembly = Path.GetFullPath(options.HandlerAssembly ?? DefaultHandlerAssembly(appRoot, options.Configuration));
            handler = await HandlerProcess.StartAsync(handlerAssembly, appRoot, environment, App.Host.InitializationTimeout, loggerFactory, cancellationToken).ConfigureAwait(false);
            handlerAddress = handler.BaseAddress;
            WatchHandler(handler);
        }

        invoker = new HandlerInvoker(() => Volatile.Read(ref handlerAddress), App.Host.FunctionTimeout, queues.WriteOutputsAsync, loggerFactory);

        var httpFunctions = App.Functions.Where(function => function.Kind == TriggerKind.Http).ToList();
        foreach (var function in httpFunctions.Where(function => !App.Host.ForwardHttpRequests || !function.IsHttpInAndOut))
        {
            LogHttpNotForwarded(logger, function.Name);
        }

        forwarder = await HttpForwarder.StartAsync(
            options.Port ?? Settings.LocalHttpPort ?? 7071,
            App.Host,
            httpFunctions.Where(function => App.Host.ForwardHttpRequests && function.IsHttpInAndOut),
            () => Volatile.Read(ref handlerAddress),
            loggerFactory,
            cancellationToken).ConfigureAwait(false);
        foreach (var function in httpFunctions)
        {
            var methods = function.HttpMethods.Count == 0 ? "ALL" : string.Join(",", function.HttpMethods);
            var url = new Uri(forwarder.BaseAddress, (App.Host.RoutePrefix.Length > 0 ? App.Host.RoutePrefix + "/" : "") + function.HttpRoute).ToString();
            LogHttpFunction(logger, function.Name, methods, url);
        }

        foreach (var function in queueFunctions)
        {
            var listener = new QueueTriggerListener(
                function, queues.QueueFor(function.Trigger), queues.PoisonQueueFor(function.Trigger), App.Host, invoker, time, loggerFactory);
            listeners.Add(listener);
            queues.OnMessageWritten(listener.QueueName, listener.Wake);
            loops.Add(Task.Run(() => listener.RunAsync(stopping.Token, aborting.Token), CancellationToken.None));
        }

        var runAllTimers = options.RunTimersOnStartup ||
                           (bool.TryParse(Settings[DevHostOptions.RunTimersOnStartupSetting], out var fromSetting) && fromSetting);
        var timerStatus = Settings[StorageSetting] is { Length: > 0 } storage ? new TimerStatusStore(storage, appRoot, loggerFactory) : null;
        foreach (var function in App.Functions.Where(function => function.Kind == TriggerKind.Timer))
        {
            var schedule = schedules[function.Name];
            var scheduler = new TimerTriggerScheduler(
                function, schedule, runAllTimers || function.Trigger.Flag("runOnStartup", false), invoker, time, loggerFactory, timerStatus);
            var next = schedule.NextAfter(time.GetUtcNow());
            LogTimer(logger, function.Name, schedule.Expression, next, scheduler.RunOnStartup ? "; fires once now, at start-up" : "");
            loops.Add(Task.Run(() => scheduler.RunAsync(stopping.Token, aborting.Token), CancellationToken.None));
        }

        LogStarted(logger, forwarder.BaseAddress);
    }

    // The host restarts a handler that exits by itself, and gives up after 3 exits within 30 minutes (reference §5.6).
    private void WatchHandler(HandlerProcess process) =>
        _ = process.Exited.ContinueWith(
            exit => exit.Result ? Task.CompletedTask : RestartHandlerAsync(process),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default).Unwrap();

    private async Task RestartHandlerAsync(HandlerProcess exited)
    {
        var now = time.GetUtcNow();
        while (restarts.Count > 0 && now - restarts.Peek() > RestartWindow)
        {
            restarts.Dequeue();
        }

        if (stopping.IsCancellationRequested)
        {
            return;
        }

        if (restarts.Count >= MaximumRestarts)
        {
            LogHandlerGaveUp(logger, MaximumRestarts, RestartWindow.TotalMinutes);
            failed.TrySetResult("The handler exited too often.");
            return;
        }

        restarts.Enqueue(now);
        LogHandlerRestarting(logger, restarts.Count, MaximumRestarts);
        try
        {
            var restarted = await HandlerProcess.StartAsync(
                handlerAssembly!, App.AppRoot, handlerEnvironment, App.Host.InitializationTimeout, loggerFactory, stopping.Token).ConfigureAwait(false);
            handler = restarted;
            Volatile.Write(ref handlerAddress, restarted.BaseAddress);
            await exited.DisposeAsync().ConfigureAwait(false);
            WatchHandler(restarted);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // DevHost is stopping.
        }
        catch (InvalidOperationException exception)
        {
            LogHandlerRestartFailed(logger, exception.Message);
            failed.TrySetResult("The handler could not be restarted.");
        }
    }

    private async Task SettleStorageAsync(string appRoot, CancellationToken cancellationToken)
    {
        var configured = Settings[StorageSetting];
        if (options.AzuritePorts is { } ports)
        {
            var location = DataLocation(appRoot, inMemoryByDefault: true);
            azurite = await AzuriteLauncher.StartAsync(location, ports.Blob, ports.Queue, ports.Table, cancellationToken: cancellationToken).ConfigureAwait(false);
            Settings.Set(StorageSetting, azurite.ConnectionString);
            LogAzuriteStarted(logger, azurite.BlobPort, azurite.QueuePort, azurite.TablePort, location ?? "memory");
            return;
        }

        if (string.IsNullOrWhiteSpace(configured))
        {
            throw new InvalidOperationException($"{StorageSetting} is not set; put \"{StorageSetting}\": \"UseDevelopmentStorage=true\" in local.settings.json.");
        }

        if (!configured.Replace(" ", "", StringComparison.Ordinal).Contains("UseDevelopmentStorage=true", StringComparison.OrdinalIgnoreCase))
        {
            LogStorageConfigured(logger);
            return;
        }

        var answering = 0;
        foreach (var port in DevelopmentStoragePorts)
        {
            if (await AnswersAsync(port, cancellationToken).ConfigureAwait(false))
            {
                answering++;
            }
        }

        if (answering == DevelopmentStoragePorts.Length)
        {
            LogAzuriteFound(logger);
            return;
        }

        if (answering > 0)
        {
            throw new InvalidOperationException(
                "Some of the development storage ports 10000-10002 are in use, but not all: stop whatever holds them, or start DevHost with --azurite-ports free.");
        }

        var dataLocation = DataLocation(appRoot, inMemoryByDefault: false);
        azurite = await AzuriteLauncher.StartAsync(dataLocation, 10000, 10001, 10002, cancellationToken: cancellationToken).ConfigureAwait(false);
        LogAzuriteStarted(logger, azurite.BlobPort, azurite.QueuePort, azurite.TablePort, dataLocation ?? "memory");
    }

    private string? DataLocation(string appRoot, bool inMemoryByDefault) =>
        options.AzuriteLocation switch
        {
            null => inMemoryByDefault ? null : Path.Combine(appRoot, ".azurite"),
            var memory when string.Equals(memory, "memory", StringComparison.OrdinalIgnoreCase) => null,
            var folder => Path.GetFullPath(folder, appRoot),
        };

    private static async Task<bool> AnswersAsync(int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(1));
        try
        {
            await client.ConnectAsync("127.0.0.1", port, timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private void LogFunctions()
    {
        LogFunctionCount(logger, App.Functions.Count);
        foreach (var function in App.Functions)
        {
            var detail = function.Kind switch
            {
                TriggerKind.Queue => $"queueTrigger '{function.Trigger.Property("queueName")}'",
                TriggerKind.Timer => $"timerTrigger '{function.Trigger.Property("schedule")}'",
                _ => "httpTrigger",
            };
            var outputs = string.Join(", ", function.QueueOutputs.Select(binding => $"{binding.Name} -> queue '{binding.Property("queueName")}'"));
            LogFunction(logger, function.Name, detail, outputs.Length > 0 ? "; outputs: " + outputs : "");
        }
    }

    /// <summary>Stops the triggers (running invocations get the grace period), the HTTP front end, the handler and any Azurite DevHost started.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        LogStopping(logger);
        await stopping.CancelAsync().ConfigureAwait(false);
        var all = Task.WhenAll(loops);
        try
        {
            await all.WaitAsync(options.ShutdownGracePeriod).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            LogGraceElapsed(logger, options.ShutdownGracePeriod.TotalSeconds);
        }

        await aborting.CancelAsync().ConfigureAwait(false);
        try
        {
            await all.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Aborted invocations.
        }

        if (forwarder is not null)
        {
            await forwarder.DisposeAsync().ConfigureAwait(false);
        }

        invoker?.Dispose();
        if (handler is not null)
        {
            await handler.DisposeAsync().ConfigureAwait(false);
        }

        if (azurite is not null)
        {
            await azurite.DisposeAsync().ConfigureAwait(false);
            LogAzuriteStopped(logger);
        }

        foreach (var listener in listeners)
        {
            listener.Dispose();
        }

        stopping.Dispose();
        aborting.Dispose();
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "App root {AppRoot}; settings from {SettingsSource}; overridden by the environment: [{Overridden}]")]
    private static partial void LogAppRoot(ILogger logger, string appRoot, string settingsSource, string overridden);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Found {Count} functions:")]
    private static partial void LogFunctionCount(ILogger logger, int count);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "    {FunctionName}: {Trigger}{Outputs}")]
    private static partial void LogFunction(ILogger logger, string functionName, string trigger, string outputs);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "    {FunctionName}: [{Methods}] {Url}")]
    private static partial void LogHttpFunction(ILogger logger, string functionName, string methods, string url);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Timer {FunctionName}: '{Schedule}' (UTC), next {Next:yyyy-MM-dd HH:mm:ss}Z{StartUp}")]
    private static partial void LogTimer(ILogger logger, string functionName, string schedule, DateTimeOffset next, string startUp);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "{FunctionName} is an HTTP function the host would invoke in payload mode; DevHost only forwards HTTP-in/HTTP-out functions with enableForwardingHttpRequest")]
    private static partial void LogHttpNotForwarded(ILogger logger, string functionName);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "Host started. Functions answer on {BaseAddress} (function keys are not checked locally). Press Ctrl+C to stop.")]
    private static partial void LogStarted(ILogger logger, Uri baseAddress);

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Started Azurite (blob {BlobPort}, queue {QueuePort}, table {TablePort}; data in {Location})")]
    private static partial void LogAzuriteStarted(ILogger logger, int blobPort, int queuePort, int tablePort, string location);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "Development storage answers on 10000-10002; using it")]
    private static partial void LogAzuriteFound(ILogger logger);

    [LoggerMessage(EventId = 12, Level = LogLevel.Information, Message = "AzureWebJobsStorage names a storage account; DevHost starts no Azurite")]
    private static partial void LogStorageConfigured(ILogger logger);

    [LoggerMessage(EventId = 13, Level = LogLevel.Information, Message = "Stopped Azurite")]
    private static partial void LogAzuriteStopped(ILogger logger);

    [LoggerMessage(EventId = 14, Level = LogLevel.Information, Message = "Attached to the handler at {HandlerUrl}; DevHost starts none")]
    private static partial void LogAttached(ILogger logger, Uri handlerUrl);

    [LoggerMessage(EventId = 20, Level = LogLevel.Error, Message = "The handler exited by itself; restarting it ({Restart} of {MaximumRestarts} within 30 minutes; see its output above)")]
    private static partial void LogHandlerRestarting(ILogger logger, int restart, int maximumRestarts);

    [LoggerMessage(EventId = 23, Level = LogLevel.Critical, Message = "Exceeded handler restart retry count ({MaximumRestarts} within {Minutes:0} minutes). Shutting down DevHost")]
    private static partial void LogHandlerGaveUp(ILogger logger, int maximumRestarts, double minutes);

    [LoggerMessage(EventId = 24, Level = LogLevel.Critical, Message = "The handler could not be restarted: {Reason}")]
    private static partial void LogHandlerRestartFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 21, Level = LogLevel.Information, Message = "Stopping: no new invocations; running ones may finish")]
    private static partial void LogStopping(ILogger logger);

    [LoggerMessage(EventId = 22, Level = LogLevel.Warning, Message = "Running invocations did not finish within {Seconds:0} s; cancelling them")]
    private static partial void LogGraceElapsed(ILogger logger, double seconds);
}
