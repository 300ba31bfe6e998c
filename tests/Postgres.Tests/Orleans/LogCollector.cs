using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Commerce.Postgres.Tests.Orleans;

/// <summary>
/// Keeps the warnings and errors the silos and clients of a <see cref="PostgresCluster"/> log, so a
/// test can assert the ADO.NET providers ran without complaint (a failing query is logged, and may be
/// retried, rather than thrown at the test).
/// </summary>
public sealed class LogCollector : ILoggerProvider
{
    private readonly ConcurrentQueue<(LogLevel Level, string Text)> _entries = new();

    public IReadOnlyList<string> Entries => _entries.Select(e => e.Text).ToList();

    /// <summary>What was logged at Error or above.</summary>
    public IReadOnlyList<string> Errors => _entries.Where(e => e.Level >= LogLevel.Error).Select(e => e.Text).ToList();

    public ILogger CreateLogger(string categoryName) => new Collecting(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Collecting(LogCollector owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            owner._entries.Enqueue((logLevel, $"{logLevel} {category}: {formatter(state, exception)}{(exception is null ? "" : Environment.NewLine + exception)}"));
        }
    }
}
