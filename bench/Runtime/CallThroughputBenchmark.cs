using System.Diagnostics;
using Commerce.Runtime;
using Commerce.Runtime.Testing;

namespace Commerce.Bench.Runtime;

/// <summary>
/// Request/response calls per second over many grains with enough concurrent callers to keep
/// both cores busy, against the channel-actor baseline doing the same work, in the same process.
/// </summary>
internal static class CallThroughputBenchmark
{
    public static async Task RunAsync(BenchSettings settings, Report report)
    {
        await using var cluster = await TestCluster.StartAsync();
        var factory = cluster.GrainFactory;
        var grains = Enumerable.Range(0, settings.Grains).Select(i => factory.GetGrain<IPingGrain>(i)).ToArray();
        await Task.WhenAll(grains.Select(g => g.PingAsync(0)));
        var baseline = new ChannelActorBaseline(settings.Grains);

        var variants = new (string Name, Func<long, int, Task<int>> Call)[]
        {
            ("channel actor baseline", baseline.PingAsync),
            ("grain call, cached reference", (key, value) => grains[key].PingAsync(value)),
            ("grain call, GetGrain per call", (key, value) => factory.GetGrain<IPingGrain>(key).PingAsync(value)),
        };

        var results = variants.ToDictionary(v => v.Name, _ => new List<double>());
        for (var round = 0; round < settings.Rounds; round++)
        {
            // Interleave the variants so drift on a shared machine hits them alike.
            foreach (var (name, call) in variants)
            {
                var rate = await MeasureAsync(call, settings);
                results[name].Add(rate);
                Console.WriteLine($"  round {round + 1}: {name,-32} {rate,12:N0} calls/s");
            }
        }

        var baselineMedian = Median(results[variants[0].Name]);
        report.Section($"Grain call throughput: {settings.Grains:N0} grains, {settings.Callers} concurrent callers, {settings.Seconds} s x {settings.Rounds} rounds per variant");
        report.Line("| variant | median calls/s | min | max | vs baseline |");
        report.Line("|---|---|---|---|---|");
        foreach (var (name, _) in variants)
        {
            var rates = results[name];
            report.Line($"| {name} | {Median(rates):N0} | {rates.Min():N0} | {rates.Max():N0} | {Median(rates) / baselineMedian:0.00}x |");
        }
    }

    private static async Task<double> MeasureAsync(Func<long, int, Task<int>> call, BenchSettings settings)
    {
        var stop = false;
        var counts = new long[settings.Callers];
        async Task CallerAsync(int caller)
        {
            var key = (long)caller;
            long done = 0;
            while (!Volatile.Read(ref stop))
            {
                await call(key, 1);
                key += settings.Callers;
                if (key >= settings.Grains) key -= settings.Grains;
                done++;
            }

            counts[caller] = done;
        }

        // Warm-up, then the measured window.
        var warm = Task.WhenAll(Enumerable.Range(0, settings.Callers).Select(c => Task.Run(() => CallerAsync(c))));
        await Task.Delay(TimeSpan.FromSeconds(1));
        Volatile.Write(ref stop, true);
        await warm;

        stop = false;
        Array.Clear(counts);
        var clock = Stopwatch.StartNew();
        var running = Task.WhenAll(Enumerable.Range(0, settings.Callers).Select(c => Task.Run(() => CallerAsync(c))));
        await Task.Delay(TimeSpan.FromSeconds(settings.Seconds));
        Volatile.Write(ref stop, true);
        await running;
        return counts.Sum() / clock.Elapsed.TotalSeconds;
    }

    internal static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
