using Microsoft.Extensions.Logging;

namespace Commerce.Runtime.Membership.Tests;

/// <summary>Writes log lines to the test's output, shown when a test fails.</summary>
public sealed class TestOutputLogger<T>(ITestOutputHelper output, string prefix) : ILogger<T>
{
    private readonly long _start = System.Diagnostics.Stopwatch.GetTimestamp();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(_start).TotalMilliseconds;
        try
        {
            output.WriteLine($"{elapsed,7:F0} ms {logLevel,-11} {prefix}: {formatter(state, exception)}{(exception is null ? "" : " | " + exception.GetType().Name + ": " + exception.Message)}");
        }
        catch (InvalidOperationException)
        {
            // The test has finished; its output is closed.
        }
    }
}
