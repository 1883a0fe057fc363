using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Outreach.Functions.Invocations;

/// <summary>A queue-triggered function: receives one decoded work item per invocation.</summary>
/// <typeparam name="TItem">The work item carried by the queue message (its JSON).</typeparam>
public interface IQueueFunction<in TItem>
{
    /// <summary>Handles one message. Throwing fails the invocation, so the host retries it and finally moves it to the poison queue.</summary>
    Task<InvocationResult> RunAsync(TItem item, QueueMessageMetadata message, CancellationToken cancellationToken);
}

/// <summary>A timer-triggered function.</summary>
public interface ITimerFunction
{
    /// <summary>Handles one occurrence of the schedule. The host does not retry a failed timer invocation.</summary>
    Task<InvocationResult> RunAsync(TimerInfo timer, CancellationToken cancellationToken);
}

/// <summary>What a payload function produced: messages per output binding and log lines for the invocation log.</summary>
public sealed class InvocationResult
{
    private readonly Dictionary<string, List<string>> outputs = new(StringComparer.Ordinal);
    private readonly List<string> logs = [];

    /// <summary>Adds one queue message per item to the output binding <paramref name="bindingName"/> (the binding's name in function.json).</summary>
    public InvocationResult AddQueueMessages<T>(string bindingName, IEnumerable<T> items, JsonTypeInfo<T> typeInfo)
    {
        ArgumentException.ThrowIfNullOrEmpty(bindingName);
        ArgumentNullException.ThrowIfNull(items);
        if (!outputs.TryGetValue(bindingName, out var messages))
        {
            messages = [];
            outputs.Add(bindingName, messages);
        }

        messages.AddRange(items.Select(item => JsonSerializer.Serialize(item, typeInfo)));
        return this;
    }

    /// <summary>Adds a line to the invocation log (no personal data: the host ships it to Application Insights).</summary>
    public InvocationResult Log(string line)
    {
        logs.Add(line);
        return this;
    }

    /// <summary>The wire form of this result.</summary>
    public InvocationResponse ToResponse() =>
        new(outputs.ToDictionary(pair => pair.Key, pair => (IReadOnlyList<string>)pair.Value, StringComparer.Ordinal), logs, null);
}

/// <summary>One payload-mode function the handler serves at <c>POST /{Name}</c>.</summary>
public abstract class PayloadFunction
{
    /// <summary>Creates the descriptor.</summary>
    protected PayloadFunction(string name, string triggerBinding)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(triggerBinding);
        Name = name;
        TriggerBinding = triggerBinding;
    }

    /// <summary>The function name: the folder name under functions/ and the URL path, case as written.</summary>
    public string Name { get; }

    /// <summary>The trigger binding's name in function.json (the key under <c>Data</c>).</summary>
    public string TriggerBinding { get; }

    /// <summary>The function.json trigger type this function expects (<c>queueTrigger</c>, <c>timerTrigger</c>).</summary>
    public abstract string TriggerType { get; }

    /// <summary>Decodes the request, then resolves and runs the function. Throws <see cref="MalformedInvocationException"/> for a bad payload.</summary>
    public abstract Task<InvocationResult> InvokeAsync(InvocationRequest request, IServiceProvider services, CancellationToken cancellationToken);

    /// <summary>The trigger's value under <c>Data</c>.</summary>
    protected JsonElement TriggerValue(InvocationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Data is null || !request.Data.TryGetValue(TriggerBinding, out var value) || value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            throw new MalformedInvocationException($"Data has no value for the trigger binding '{TriggerBinding}'.");
        }

        return value;
    }
}

/// <summary>A queue-triggered function whose message is the JSON of <typeparamref name="TItem"/>.</summary>
public sealed class QueuePayloadFunction<TItem, TFunction> : PayloadFunction
    where TItem : class
    where TFunction : IQueueFunction<TItem>
{
    private readonly JsonTypeInfo<TItem> itemType;
    private readonly Func<TItem, string?> findProblem;

    /// <summary>Creates the descriptor; <paramref name="findProblem"/> names what is missing in a decoded item, or returns null.</summary>
    public QueuePayloadFunction(string name, string triggerBinding, JsonTypeInfo<TItem> itemType, Func<TItem, string?> findProblem)
        : base(name, triggerBinding)
    {
        this.itemType = itemType;
        this.findProblem = findProblem;
    }

    /// <inheritdoc />
    public override string TriggerType => "queueTrigger";

    /// <inheritdoc />
    public override Task<InvocationResult> InvokeAsync(InvocationRequest request, IServiceProvider services, CancellationToken cancellationToken)
    {
        var text = InvocationValues.DecodeString(TriggerValue(request))
            ?? throw new MalformedInvocationException("The queue message is empty.");
        TItem? item;
        try
        {
            item = JsonSerializer.Deserialize(text, itemType);
        }
        catch (JsonException exception)
        {
            throw new MalformedInvocationException($"The queue message is not the JSON of a {typeof(TItem).Name}.", exception);
        }

        if (item is null)
        {
            throw new MalformedInvocationException($"The queue message is JSON null, not a {typeof(TItem).Name}.");
        }

        if (findProblem(item) is { } problem)
        {
            throw new MalformedInvocationException($"The {typeof(TItem).Name} is incomplete: {problem}.");
        }

        var metadata = InvocationValues.DecodeQueueMetadata(request.Metadata);
        return services.GetRequiredService<TFunction>().RunAsync(item, metadata, cancellationToken);
    }
}

/// <summary>A timer-triggered function.</summary>
public sealed class TimerPayloadFunction<TFunction> : PayloadFunction
    where TFunction : ITimerFunction
{
    /// <summary>Creates the descriptor.</summary>
    public TimerPayloadFunction(string name, string triggerBinding)
        : base(name, triggerBinding)
    {
    }

    /// <inheritdoc />
    public override string TriggerType => "timerTrigger";

    /// <inheritdoc />
    public override Task<InvocationResult> InvokeAsync(InvocationRequest request, IServiceProvider services, CancellationToken cancellationToken)
    {
        var timer = InvocationValues.DecodeTimer(TriggerValue(request));
        return services.GetRequiredService<TFunction>().RunAsync(timer, cancellationToken);
    }
}

/// <summary>The payload functions by name (exact case: the host uses the folder name as written).</summary>
public sealed class PayloadFunctionRegistry
{
    private readonly Dictionary<string, PayloadFunction> functions;

    /// <summary>Builds the registry; two functions with one name are a programming error.</summary>
    public PayloadFunctionRegistry(IEnumerable<PayloadFunction> functions)
    {
        this.functions = new Dictionary<string, PayloadFunction>(StringComparer.Ordinal);
        foreach (var function in functions)
        {
            if (!this.functions.TryAdd(function.Name, function))
            {
                throw new InvalidOperationException($"Two payload functions are named '{function.Name}'.");
            }
        }
    }

    /// <summary>Every registered function.</summary>
    public IReadOnlyCollection<PayloadFunction> All => functions.Values;

    /// <summary>The function named <paramref name="name"/>, or null.</summary>
    public PayloadFunction? Find(string name) => functions.GetValueOrDefault(name);
}

/// <summary>Registers payload functions: one call per function, beside its function.json.</summary>
public static class PayloadFunctionServiceCollectionExtensions
{
    /// <summary>Registers a queue-triggered function whose messages are <typeparamref name="TItem"/> JSON.</summary>
    public static IServiceCollection AddQueueFunction<TItem, TFunction>(
        this IServiceCollection services, string name, string triggerBinding, JsonTypeInfo<TItem> itemType, Func<TItem, string?> findProblem)
        where TItem : class
        where TFunction : class, IQueueFunction<TItem>
    {
        services.AddInvocationRegistry();
        services.AddSingleton<PayloadFunction>(new QueuePayloadFunction<TItem, TFunction>(name, triggerBinding, itemType, findProblem));
        services.TryAddTransient<TFunction>();
        return services;
    }

    /// <summary>Registers a timer-triggered function.</summary>
    public static IServiceCollection AddTimerFunction<TFunction>(this IServiceCollection services, string name, string triggerBinding)
        where TFunction : class, ITimerFunction
    {
        services.AddInvocationRegistry();
        services.AddSingleton<PayloadFunction>(new TimerPayloadFunction<TFunction>(name, triggerBinding));
        services.TryAddTransient<TFunction>();
        return services;
    }

    private static void AddInvocationRegistry(this IServiceCollection services) =>
        services.TryAddSingleton(sp => new PayloadFunctionRegistry(sp.GetServices<PayloadFunction>()));
}
