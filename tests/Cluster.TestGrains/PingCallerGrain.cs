using System.Diagnostics;

namespace Commerce.Cluster.TestGrains;

/// <summary>Drives grain-to-grain calls from the silo it lives on, for the silo-to-silo benchmark.</summary>
[Alias("test.IPingCallerGrain")]
public interface IPingCallerGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Calls <see cref="IPingGrain.PingAsync"/> on <paramref name="targets"/> in turn, one call at a
    /// time, for <paramref name="milliseconds"/>; returns how many calls completed.
    /// </summary>
    Task<long> PingForAsync(long[] targets, int milliseconds);

    /// <summary>The process the activation runs in, so the benchmark can pick callers on one silo.</summary>
    [ReadOnly]
    Task<int> ProcessIdAsync();
}

[GrainType("test-ping-caller")]
public sealed class PingCallerGrain : Grain, IPingCallerGrain
{
    public async Task<long> PingForAsync(long[] targets, int milliseconds)
    {
        var pings = targets.Select(key => GrainFactory.GetGrain<IPingGrain>(key)).ToArray();
        var until = Stopwatch.GetTimestamp() + milliseconds * Stopwatch.Frequency / 1000;
        long calls = 0;
        while (Stopwatch.GetTimestamp() < until)
        {
            // Each call is a real grain call from this activation's turn: it awaits the response
            // on this activation, so the pings go out one after the other.
            var value = (int)calls;
            if (await pings[calls % pings.Length].PingAsync(value) != value + 1) throw new InvalidOperationException("A ping answered wrongly.");
            calls++;
        }

        return calls;
    }

    public Task<int> ProcessIdAsync() => Task.FromResult(Environment.ProcessId);
}
