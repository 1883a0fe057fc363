using Microsoft.Extensions.Logging;

namespace Outreach.Testing.Logging;

/// <summary>Keeps every formatted log line (and its exception) in memory, for tests that check or show what was logged.</summary>
public sealed class RecordingLoggerProvider : ILoggerProvider
{
    private readonly Lock gate = new();
    private readonly System.Text.StringBuilder text = new();

    /// <summary>Everything logged so far, one line per entry.</summary>
    public string Text
    {
        get
        {
            lock (gate)
            {
                return text.ToString();
            }
        }
    }

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new Logger(this);

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private void Write(string line)
    {
        lock (gate)
        {
            text.AppendLine(line);
        }
    }

    private sealed class Logger(RecordingLoggerProvider provider) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            provider.Write(formatter(state, exception) + " " + exception);
    }
}
