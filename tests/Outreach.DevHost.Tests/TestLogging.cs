using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Outreach.DevHost.Tests;

/// <summary>DevHost's log in the test's output, so a failing test shows what the host and the worker did.</summary>
internal sealed class TestOutputLoggerProvider(ITestOutputHelper output) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new LineLogger(categoryName, line =>
    {
        try
        {
            output.WriteLine(line);
        }
        catch (InvalidOperationException)
        {
            // The test has finished; late worker output has nowhere to go.
        }
    });

    public void Dispose()
    {
    }
}

/// <summary>Keeps DevHost's log lines in memory (a shared fixture has no test output), for assertions and failure messages.</summary>
internal sealed class CollectingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<string> lines = new();

    public IReadOnlyCollection<string> Lines => lines;

    public ILogger CreateLogger(string categoryName) => new LineLogger(categoryName, lines.Enqueue);

    public string Tail(int count) => string.Join(Environment.NewLine, lines.TakeLast(count));

    public void Dispose()
    {
    }
}

internal sealed class LineLogger(string category, Action<string> write) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
        {
            write($"{TimeProvider.System.GetUtcNow():HH:mm:ss.fff} {logLevel,-11} {category}: {formatter(state, exception)}{(exception is null ? "" : " " + exception.GetType().Name + ": " + exception.Message)}");
        }
    }
}

internal static class TestLogging
{
    public static ILoggerFactory For(ITestOutputHelper output) =>
        LoggerFactory.Create(logging => logging.AddProvider(new TestOutputLoggerProvider(output)).SetMinimumLevel(LogLevel.Information));
}
