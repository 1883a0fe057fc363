using System.Globalization;
using Azure.Storage.Queues;
using Microsoft.Extensions.Logging;
using Outreach.DevHost.AppModel;
using Outreach.DevHost.Azurite;
using Outreach.DevHost.Http;
using Outreach.DevHost.Invocations;
using Outreach.DevHost.Processes;
using Outreach.DevHost.Queues;
using Outreach.DevHost.Settings;
using Outreach.DevHost.Timers;
using Outreach.DevHost.Worker;

namespace Outreach.DevHost.Hosting;

/// <summary>
/// DevHost as a whole: reads the app folder (host.json, worker.config.json), settles storage (Azurite on demand), starts the
/// worker and reads its functions over gRPC (worker indexing), then plays the queue and timer triggers and the HTTP front end
/// until it is stopped, restarting a worker that dies. In Azure the Functions host does all this for the same worker.
/// </summary>
public sealed partial class FunctionHost : IAsyncDisposable
{
    private const string StorageSetting = "AzureWebJobsStorage";
    private const int MaximumRestarts = 3;
    private static readonly int[] DevelopmentStoragePorts = [10000, 10001, 10002];
    private static readonly TimeSpan RestartWindow = TimeSpan.FromMinutes(30);
    private static readonly TimeSpan WorkerStartTimeout = TimeSpan.FromSeconds(60);

    private readonly DevHostOptions options;
    private readonly ILoggerFactory loggerFactory;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly CancellationTokenSource stopping = new();
    private readonly CancellationTokenSource aborting = new();
    private readonly List<Task> loops = [];
    private readonly List<QueueTriggerListener> listeners = [];
    private readonly TaskCompletionSource<string> failed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Queue<DateTimeOffset> restarts = new();
    private readonly Lock workerLock = new();
    private AzuriteLauncher? azurite;
    private RpcServer? rpc;
    private WorkerConfig workerConfig = null!;
    private Dictionary<string, string> workerEnvironment = [];
    private WorkerProcess? worker;
    private TaskCompletionSource<WorkerChannel> ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private FunctionInvoker? invoker;
    private HttpForwarder? forwarder;
    private int disposed;

    private FunctionHost(DevHostOptions options, ILoggerFactory loggerFactory, TimeProvider time)
    {
        this.options = options;
        this.loggerFactory = loggerFactory;
        this.time = time;
        logger = loggerFactory.CreateLogger("Host");
    }

    /// <summary>The built worker's folder.</summary>
    public string AppFolder { get; private set; } = "";

    /// <summary>The folder of the settings: the worker's working directory.</summary>
    public string SettingsRoot { get; private set; } = "";

    /// <summary>host.json's settings.</summary>
    public HostSettings Host { get; private set; } = new();

    /// <summary>The functions DevHost plays, as the worker indexed them (after <c>--functions</c>).</summary>
    public IReadOnlyList<FunctionDefinition> Functions { get; private set; } = [];

    /// <summary>The settings given to the worker.</summary>
    public AppSettings Settings { get; private set; } = null!;

    /// <summary>Where <c>/api/...</c> answers.</summary>
    public Uri HttpBaseAddress => forwarder?.BaseAddress ?? throw new InvalidOperationException("DevHost is not started.");

    /// <summary>The storage connection string DevHost and the worker use.</summary>
    public string StorageConnectionString => Settings[StorageSetting] ?? "";

    /// <summary>The most recent invocations, oldest first.</summary>
    public IReadOnlyList<InvocationRecord> RecentInvocations => invoker?.RecentInvocations ?? [];

    /// <summary>The worker process DevHost runs now, for tests and diagnostics.</summary>
    public int? WorkerProcessId => worker?.ProcessId;

    /// <summary>The Azurite process DevHost started, if any.</summary>
    public int? AzuriteProcessId => azurite?.ProcessId;

    /// <summary>Completes with a reason when DevHost cannot go on (the worker exited too often, or could not be restarted).</summary>
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

    /// <summary>The settings root: the option, else the first folder with local.settings(.sample).json above the current folder.</summary>
    public static string FindSettingsRoot(string? configured)
    {
        if (!string.IsNullOrEmpty(configured))
        {
            var root = Path.GetFullPath(configured);
            return Directory.Exists(root) ? root : throw new InvalidOperationException($"--settings-root {root} does not exist.");
        }

        for (var folder = new DirectoryInfo(Directory.GetCurrentDirectory()); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, AppSettings.LocalSettingsFile)) || File.Exists(Path.Combine(folder.FullName, AppSettings.SampleSettingsFile)))
            {
                return folder.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }

    /// <summary>The default app folder under <paramref name="settingsRoot"/> for <paramref name="configuration"/> (null: DevHost's own).</summary>
    public static string DefaultAppFolder(string settingsRoot, string? configuration)
    {
        configuration ??= new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent?.Name switch
        {
            "Release" => "Release",
            _ => "Debug",
        };
        return Path.Combine(settingsRoot, "src", "Functions", "bin", configuration, "net10.0");
    }

    /// <summary>Kills the worker now, as a crash would (tests: DevHost must restart it).</summary>
    public void KillWorker() => worker?.Kill();

    private async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        SettingsRoot = FindSettingsRoot(options.SettingsRoot);
        AppFolder = Path.GetFullPath(options.App ?? DefaultAppFolder(SettingsRoot, options.Configuration));
        if (!Directory.Exists(AppFolder))
        {
            throw new InvalidOperationException($"The app folder {AppFolder} does not exist: build the Functions app first, or pass --app <its output folder>.");
        }

        Host = HostSettings.Load(AppFolder);
        workerConfig = WorkerConfig.Load(AppFolder);
        Settings = AppSettings.Load(SettingsRoot);
        var overridden = string.Join(", ", Settings.FromEnvironment.Order(StringComparer.Ordinal));
        LogFolders(logger, AppFolder, SettingsRoot, Settings.Source ?? "(no local.settings.json)", overridden);

        foreach (var (orphan, name) in ChildProcess.StopOrphans())
        {
            LogOrphanStoppedByNote(logger, name, orphan);
        }

        await SettleStorageAsync(cancellationToken).ConfigureAwait(false);
        workerEnvironment = WorkerEnvironment();

        rpc = await RpcServer.StartAsync(loggerFactory, cancellationToken).ConfigureAwait(false);
        var first = await StartWorkerAsync(cancellationToken).ConfigureAwait(false);
        var metadata = await first.Channel.GetFunctionMetadataAsync(AppFolder, WorkerStartTimeout, cancellationToken).ConfigureAwait(false);
        Functions = SelectFunctions(metadata.Select(FunctionDefinition.FromMetadata).OrderBy(function => function.Name, StringComparer.Ordinal).ToList());
        LogFunctions();

        // A bad schedule is a mistake in the code or a setting: say so before anything runs.
        var schedules = new Dictionary<string, TimerSchedule>(StringComparer.Ordinal);
        foreach (var function in Functions.Where(function => function.Kind == TriggerKind.Timer))
        {
            try
            {
                schedules[function.Name] = TimerSchedule.Parse(Settings.Resolve(function.Trigger.Property("schedule")!));
            }
            catch (FormatException exception)
            {
                throw new InvalidDataException($"The timer of {function.Name}: {exception.Message}", exception);
            }
        }

        await LoadFunctionsAsync(first, cancellationToken).ConfigureAwait(false);
        lock (workerLock)
        {
            worker = first;
            ready.TrySetResult(first.Channel);
        }

        WatchWorker(first);

        var queues = new QueueBindings(Settings, Host.Queues, loggerFactory);
        invoker = new FunctionInvoker(WaitForWorkerAsync, Host.FunctionTimeout, queues, time, loggerFactory);
        foreach (var binding in Functions.Where(function => function.Kind == TriggerKind.Queue).Select(function => function.Trigger).Concat(Functions.SelectMany(function => function.QueueOutputs)))
        {
            await CreateQueueAsync(queues, queues.QueueFor(binding), cancellationToken).ConfigureAwait(false);
        }

        var httpFunctions = Functions.Where(function => function.Kind == TriggerKind.Http).ToList();
        forwarder = await HttpForwarder.StartAsync(options.Port ?? Settings.LocalHttpPort ?? 7071, Host, httpFunctions, invoker, time, loggerFactory, cancellationToken).ConfigureAwait(false);
        foreach (var function in httpFunctions)
        {
            var methods = function.HttpMethods.Count == 0 ? "ALL" : string.Join(",", function.HttpMethods);
            var url = new Uri(forwarder.BaseAddress, (Host.RoutePrefix.Length > 0 ? Host.RoutePrefix + "/" : "") + function.HttpRoute).ToString();
            LogHttpFunction(logger, function.Name, methods, url);
        }

        foreach (var function in Functions.Where(function => function.Kind == TriggerKind.Queue))
        {
            var listener = new QueueTriggerListener(function, queues, Host, invoker, time, loggerFactory);
            listeners.Add(listener);
            queues.OnMessageWritten(listener.QueueName, listener.Wake);
            loops.Add(Task.Run(() => GuardAsync(function.Name, listener.RunAsync(stopping.Token, aborting.Token)), CancellationToken.None));
        }

        var runAllTimers = options.RunTimersOnStartup ||
                           (bool.TryParse(Settings[DevHostOptions.RunTimersOnStartupSetting], out var fromSetting) && fromSetting);
        var timerStatus = Settings[StorageSetting] is { Length: > 0 } storage ? new TimerStatusStore(storage, AppFolder, loggerFactory) : null;
        foreach (var function in Functions.Where(function => function.Kind == TriggerKind.Timer))
        {
            var schedule = schedules[function.Name];
            var scheduler = new TimerTriggerScheduler(
                function, schedule, runAllTimers || function.Trigger.Flag("runOnStartup", false), invoker, time, loggerFactory, timerStatus);
            var next = schedule.NextAfter(time.GetUtcNow());
            LogTimer(logger, function.Name, schedule.Expression, next, scheduler.RunOnStartup ? "; fires once now, at start-up" : "");
            loops.Add(Task.Run(() => GuardAsync(function.Name, scheduler.RunAsync(stopping.Token, aborting.Token)), CancellationToken.None));
        }

        LogStarted(logger, forwarder.BaseAddress);
    }

    // A trigger that fails says so at once, and never keeps DevHost from stopping the worker and Azurite.
    private async Task GuardAsync(string functionName, Task loop)
    {
        try
        {
            await loop.ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogLoopFailed(logger, functionName, exception.GetType().Name, exception.Message);
        }
    }

    private List<FunctionDefinition> SelectFunctions(List<FunctionDefinition> all)
    {
        foreach (var function in all.Where(function => function.Kind == TriggerKind.Other))
        {
            LogNotPlayed(logger, function.Name, function.Trigger.Type);
        }

        var playable = all.Where(function => function.Kind != TriggerKind.Other).ToList();
        if (options.Functions.Count == 0)
        {
            return playable;
        }

        var unknown = options.Functions.Where(name => all.All(function => !string.Equals(function.Name, name, StringComparison.Ordinal))).ToList();
        return unknown.Count > 0
            ? throw new InvalidDataException($"No function named {string.Join(", ", unknown)}; the app has {string.Join(", ", all.Select(function => function.Name))}.")
            : playable.Where(function => options.Functions.Contains(function.Name, StringComparer.Ordinal)).ToList();
    }

    private static async Task CreateQueueAsync(QueueBindings queues, QueueClient queue, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(15));
            await queues.EnsureCreatedAsync(queue, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw new InvalidOperationException(
                $"Storage at {queue.Uri.GetLeftPart(UriPartial.Authority)} refuses to create queue '{queue.Name}' ({StorageErrors.Describe(exception)}). Is Azurite running and healthy?", exception);
        }
    }

    private Dictionary<string, string> WorkerEnvironment()
    {
        var environment = new Dictionary<string, string>(Settings.Values, StringComparer.Ordinal)
        {
            // As the host sets them for a language worker; the app's relative paths resolve against the settings root.
            ["FUNCTIONS_WORKER_RUNTIME"] = string.IsNullOrEmpty(workerConfig.Language) ? "dotnet-isolated" : workerConfig.Language,
            ["FUNCTIONS_APPLICATION_DIRECTORY"] = AppFolder,
            ["FUNCTIONS_WORKER_DIRECTORY"] = AppFolder,
            ["AzureWebJobsScriptRoot"] = SettingsRoot,
            ["FUNCTIONS_APP_ROOT_PATH"] = SettingsRoot,
        };
        if (Settings["AZURE_FUNCTIONS_ENVIRONMENT"] is null)
        {
            environment["AZURE_FUNCTIONS_ENVIRONMENT"] = "Development";
        }

        if (Settings["ASPNETCORE_ENVIRONMENT"] is null)
        {
            environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        }

        return environment;
    }

    private Task<WorkerProcess> StartWorkerAsync(CancellationToken cancellationToken) =>
        WorkerProcess.StartAsync(workerConfig, AppFolder, SettingsRoot, workerEnvironment, rpc!, WorkerStartTimeout, loggerFactory, cancellationToken);

    private async Task LoadFunctionsAsync(WorkerProcess process, CancellationToken cancellationToken)
    {
        foreach (var function in Functions)
        {
            var metadata = function.Metadata.Clone();
            metadata.Directory = AppFolder;
            metadata.FunctionId = function.FunctionId;
            metadata.Bindings.Clear();
            foreach (var binding in function.Bindings)
            {
                metadata.Bindings[binding.Name] = binding.ToBindingInfo();
            }

            await process.Channel.LoadAsync(function.FunctionId, metadata, WorkerStartTimeout, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<WorkerChannel> WaitForWorkerAsync(CancellationToken cancellationToken)
    {
        Task<WorkerChannel> current;
        lock (workerLock)
        {
            current = ready.Task;
        }

        return await current.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    // The host restarts a worker that exits by itself, and gives up after 3 exits within 30 minutes.
    private void WatchWorker(WorkerProcess process) =>
        _ = Task.WhenAny(process.Exited, process.Channel.Closed).Unwrap().ContinueWith(
            _ => process.StopRequested || stopping.IsCancellationRequested ? Task.CompletedTask : RestartWorkerAsync(process),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default).Unwrap();

    private async Task RestartWorkerAsync(WorkerProcess exited)
    {
        lock (workerLock)
        {
            if (ready.Task.IsCompleted)
            {
                ready = new TaskCompletionSource<WorkerChannel>(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        await exited.DisposeAsync().ConfigureAwait(false);
        var now = time.GetUtcNow();
        while (restarts.Count > 0 && now - restarts.Peek() > RestartWindow)
        {
            restarts.Dequeue();
        }

        if (restarts.Count >= MaximumRestarts)
        {
            LogWorkerGaveUp(logger, MaximumRestarts, RestartWindow.TotalMinutes);
            ready.TrySetException(new WorkerUnavailableException("The worker exited too often."));
            failed.TrySetResult("The worker exited too often.");
            return;
        }

        restarts.Enqueue(now);
        LogWorkerRestarting(logger, restarts.Count, MaximumRestarts);
        try
        {
            var restarted = await StartWorkerAsync(stopping.Token).ConfigureAwait(false);
            await LoadFunctionsAsync(restarted, stopping.Token).ConfigureAwait(false);
            lock (workerLock)
            {
                worker = restarted;
                ready.TrySetResult(restarted.Channel);
            }

            WatchWorker(restarted);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // DevHost is stopping.
        }
        catch (Exception exception) when (exception is InvalidOperationException or WorkerUnavailableException or TimeoutException)
        {
            LogWorkerRestartFailed(logger, exception.Message);
            ready.TrySetException(new WorkerUnavailableException("The worker could not be restarted."));
            failed.TrySetResult("The worker could not be restarted.");
        }
    }

    private async Task SettleStorageAsync(CancellationToken cancellationToken)
    {
        var configured = Settings[StorageSetting];
        if (options.AzuritePorts is { } ports)
        {
            var location = DataLocation(inMemoryByDefault: true);
            azurite = await AzuriteLauncher.StartAsync(location, ports.Blob, ports.Queue, ports.Table, cancellationToken: cancellationToken).ConfigureAwait(false);
            Settings.Set(StorageSetting, azurite.ConnectionString);
            LogAzuriteStarted(logger, azurite.ProcessId, azurite.BlobPort, azurite.QueuePort, azurite.TablePort, location ?? "memory");
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

        var dataLocation = DataLocation(inMemoryByDefault: false);
        var answering = 0;
        foreach (var port in DevelopmentStoragePorts)
        {
            if (await LoopbackPort.AnswersAsync(port, cancellationToken).ConfigureAwait(false))
            {
                answering++;
            }
        }

        if (answering == DevelopmentStoragePorts.Length)
        {
            await EnsureWritableAsync(configured, cancellationToken).ConfigureAwait(false);
            LogAzuriteFound(logger);
            return;
        }

        if (answering > 0)
        {
            throw new InvalidOperationException(
                "Some of the development storage ports 10000-10002 are in use, but not all: stop whatever holds them, or start DevHost with --azurite-ports free.");
        }

        azurite = await AzuriteLauncher.StartAsync(dataLocation, 10000, 10001, 10002, cancellationToken: cancellationToken).ConfigureAwait(false);
        LogAzuriteStarted(logger, azurite.ProcessId, azurite.BlobPort, azurite.QueuePort, azurite.TablePort, dataLocation ?? "memory");
    }

    // An Azurite someone else left running may answer connections but no longer work (the orphan of a killed run did).
    private static async Task EnsureWritableAsync(string connectionString, CancellationToken cancellationToken)
    {
        var options = QueueClientDefaults.Create();
        options.Retry.MaxRetries = 0;
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(5);
        var probe = new QueueClient(connectionString, "devhost-probe", options);
        try
        {
            await probe.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw new InvalidOperationException(
                "Something answers on the development storage ports 10000-10002 but does not work as storage (" + StorageErrors.Describe(exception) +
                "). An Azurite left from an earlier run? Stop the process that listens on port 10001, or start DevHost with --azurite-ports free.",
                exception);
        }
    }

    private string? DataLocation(bool inMemoryByDefault) =>
        options.AzuriteLocation switch
        {
            null => inMemoryByDefault ? null : Path.Combine(SettingsRoot, ".azurite"),
            var memory when string.Equals(memory, "memory", StringComparison.OrdinalIgnoreCase) => null,
            var folder => Path.GetFullPath(folder, SettingsRoot),
        };

    private void LogFunctions()
    {
        LogFunctionCount(logger, Functions.Count);
        foreach (var function in Functions)
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

    /// <summary>
    /// Stops the triggers (running invocations get the grace period), the HTTP front end, the worker (<c>WorkerTerminate</c>,
    /// then signals) and any Azurite DevHost started: all children are gone within about 10 s.
    /// </summary>
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
            await all.WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is OperationCanceledException or TimeoutException)
        {
            // Aborted invocations.
        }

        WorkerProcess? running;
        lock (workerLock)
        {
            running = worker;
            ready.TrySetException(new WorkerUnavailableException("DevHost is stopping."));
        }

        var stops = new List<Task>();
        if (running is not null)
        {
            stops.Add(running.DisposeAsync().AsTask());
        }

        if (azurite is not null)
        {
            stops.Add(StopAzuriteAsync(azurite));
        }

        await Task.WhenAll(stops).ConfigureAwait(false);
        if (forwarder is not null)
        {
            await forwarder.DisposeAsync().ConfigureAwait(false);
        }

        if (rpc is not null)
        {
            await rpc.DisposeAsync().ConfigureAwait(false);
        }

        foreach (var listener in listeners)
        {
            listener.Dispose();
        }

        stopping.Dispose();
        aborting.Dispose();
    }

    private async Task StopAzuriteAsync(AzuriteLauncher instance)
    {
        await instance.DisposeAsync().ConfigureAwait(false);
        LogAzuriteStopped(logger);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "App {AppFolder}; settings root {SettingsRoot}; settings from {SettingsSource}; overridden by the environment: [{Overridden}]")]
    private static partial void LogFolders(ILogger logger, string appFolder, string settingsRoot, string settingsSource, string overridden);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Found {Count} functions:")]
    private static partial void LogFunctionCount(ILogger logger, int count);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "    {FunctionName}: {Trigger}{Outputs}")]
    private static partial void LogFunction(ILogger logger, string functionName, string trigger, string outputs);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "    {FunctionName}: [{Methods}] {Url}")]
    private static partial void LogHttpFunction(ILogger logger, string functionName, string methods, string url);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Timer {FunctionName}: '{Schedule}' (UTC), next {Next:yyyy-MM-dd HH:mm:ss}Z{StartUp}")]
    private static partial void LogTimer(ILogger logger, string functionName, string schedule, DateTimeOffset next, string startUp);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "{FunctionName} has a {TriggerType}, which DevHost does not play (queue, timer and HTTP only)")]
    private static partial void LogNotPlayed(ILogger logger, string functionName, string triggerType);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "Host started. Functions answer on {BaseAddress} (function keys are not checked locally). Press Ctrl+C to stop.")]
    private static partial void LogStarted(ILogger logger, Uri baseAddress);

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Started Azurite (process {ProcessId}; blob {BlobPort}, queue {QueuePort}, table {TablePort}; data in {Location})")]
    private static partial void LogAzuriteStarted(ILogger logger, int processId, int blobPort, int queuePort, int tablePort, string location);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "Development storage answers on 10000-10002; using it")]
    private static partial void LogAzuriteFound(ILogger logger);

    [LoggerMessage(EventId = 12, Level = LogLevel.Information, Message = "AzureWebJobsStorage names a storage account; DevHost starts no Azurite")]
    private static partial void LogStorageConfigured(ILogger logger);

    [LoggerMessage(EventId = 13, Level = LogLevel.Information, Message = "Stopped Azurite")]
    private static partial void LogAzuriteStopped(ILogger logger);

    [LoggerMessage(EventId = 15, Level = LogLevel.Warning, Message = "Stopped the {Name} (process {ProcessId}) that an earlier DevHost started and did not stop (it was killed)")]
    private static partial void LogOrphanStoppedByNote(ILogger logger, string name, int processId);

    [LoggerMessage(EventId = 20, Level = LogLevel.Error, Message = "The worker exited by itself; restarting it ({Restart} of {MaximumRestarts} within 30 minutes; see its output above)")]
    private static partial void LogWorkerRestarting(ILogger logger, int restart, int maximumRestarts);

    [LoggerMessage(EventId = 23, Level = LogLevel.Critical, Message = "Exceeded worker restart retry count ({MaximumRestarts} within {Minutes:0} minutes). Shutting down DevHost")]
    private static partial void LogWorkerGaveUp(ILogger logger, int maximumRestarts, double minutes);

    [LoggerMessage(EventId = 24, Level = LogLevel.Critical, Message = "The worker could not be restarted: {Reason}")]
    private static partial void LogWorkerRestartFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 21, Level = LogLevel.Information, Message = "Stopping: no new invocations; running ones may finish")]
    private static partial void LogStopping(ILogger logger);

    [LoggerMessage(EventId = 25, Level = LogLevel.Error, Message = "The trigger of {FunctionName} stopped with {ExceptionType}: {Reason}")]
    private static partial void LogLoopFailed(ILogger logger, string functionName, string exceptionType, string reason);

    [LoggerMessage(EventId = 22, Level = LogLevel.Warning, Message = "Running invocations did not finish within {Seconds:0} s; cancelling them")]
    private static partial void LogGraceElapsed(ILogger logger, double seconds);
}
