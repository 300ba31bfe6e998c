using System.Diagnostics;

namespace Commerce.Bench.Cluster;

/// <summary>
/// The closed-loop load of the cross-process suites, the same for the echo and for grain calls: every caller awaits
/// its call and sends the next at once; caller 0 also records the latency of each of its calls.
/// </summary>
internal static class LoadLoop
{
    /// <summary>Load before each measured window: lets tiered compilation and the thread pool settle.</summary>
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Calls per second over <see cref="BenchSettings.Seconds"/> after a short warm-up, and caller 0's latencies in
    /// µs, ascending. <paramref name="cpu"/>, if given, is started and stopped around the measured window.
    /// </summary>
    public static async Task<(double Rate, double[] Latencies)> MeasureThroughputAsync(Func<int, Task<int>> ping, BenchSettings settings, CpuMeter? cpu = null)
    {
        await RunAsync(ping, settings.Callers, WarmUp, null);
        return await RunAsync(ping, settings.Callers, TimeSpan.FromSeconds(settings.Seconds), cpu);
    }

    /// <summary>Loads <paramref name="ping"/> for <see cref="BenchSettings.WarmUpSeconds"/> before a variant's measured rounds.</summary>
    public static Task WarmUpAsync(Func<int, Task<int>> ping, BenchSettings settings) =>
        settings.WarmUpSeconds <= 0 ? Task.CompletedTask : RunAsync(ping, settings.Callers, TimeSpan.FromSeconds(settings.WarmUpSeconds), null);

    /// <summary>One caller alone: the latency of <paramref name="calls"/> sequential calls in µs, ascending, after a quarter as many to warm up.</summary>
    public static async Task<double[]> MeasureLatencyAsync(Func<int, Task<int>> ping, int calls)
    {
        for (var i = 0; i < calls / 4; i++) await ping(i);
        var samples = new double[calls];
        for (var i = 0; i < samples.Length; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await ping(i);
            samples[i] = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
        }

        Array.Sort(samples);
        return samples;
    }

    private static async Task<(double Rate, double[] Latencies)> RunAsync(Func<int, Task<int>> ping, int callers, TimeSpan duration, CpuMeter? cpu)
    {
        var stop = false;
        var counts = new long[callers];
        var latencies = new List<double>(capacity: 1 << 16);

        async Task CallerAsync(int caller)
        {
            long done = 0;
            var record = caller == 0;
            while (!Volatile.Read(ref stop))
            {
                var started = record ? Stopwatch.GetTimestamp() : 0;
                await ping(caller);
                if (record) latencies.Add(Stopwatch.GetElapsedTime(started).TotalMicroseconds);
                done++;
            }

            counts[caller] = done;
        }

        cpu?.Start();
        var clock = Stopwatch.StartNew();
        var running = Task.WhenAll(Enumerable.Range(0, callers).Select(c => Task.Run(() => CallerAsync(c))));
        await Task.Delay(duration);
        Volatile.Write(ref stop, true);
        await running;
        var elapsed = clock.Elapsed;
        cpu?.Stop();
        var sorted = latencies.ToArray();
        Array.Sort(sorted);
        return (counts.Sum() / elapsed.TotalSeconds, sorted);
    }
}
