using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Commerce.Postgres.Streams.Tests;

/// <summary>A logger provider that keeps the messages logged at Warning or above, for tests that expect a warning.</summary>
internal sealed class WarningCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _warnings = new();

    public IReadOnlyCollection<string> Warnings => _warnings;

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private sealed class Logger(WarningCapture capture) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) capture._warnings.Enqueue(formatter(state, exception));
        }
    }
}
