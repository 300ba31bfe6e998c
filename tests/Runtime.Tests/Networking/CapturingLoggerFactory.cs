using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Commerce.Runtime.Tests.Networking;

/// <summary>Keeps what the transport logs at Warning and above, so tests can see refusals and violations were reported.</summary>
internal sealed class CapturingLoggerFactory : ILoggerFactory
{
    public ConcurrentQueue<string> Warnings { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    /// <summary>Waits until a warning containing all of <paramref name="fragments"/> was logged: the transport logs after it closed the socket.</summary>
    public Task WaitForWarningAsync(params string[] fragments) =>
        Clusters.WaitUntilAsync(() => Warnings.Any(w => fragments.All(w.Contains)), TimeSpan.FromSeconds(5));

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException();

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerFactory owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) owner.Warnings.Enqueue(formatter(state, exception));
        }
    }
}
