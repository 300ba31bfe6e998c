using System.Diagnostics;
using Orleans;

namespace Commerce.Bench.Runtime;

/// <summary>
/// Request/response calls per second over many grains with enough concurrent callers to keep both cores busy,
/// against the channel-actor baseline doing the same work, in the same process: an Orleans silo co-hosted in the
/// bench process (<see cref="BenchSilo"/>), called through its own <see cref="IGrainFactory"/>.
/// </summary>
internal static class CallThroughputBenchmark
{
    /// <summary>Load before each measured window: lets tiered compilation and the thread pool settle.</summary>
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(1);

    public static async Task RunAsync(BenchSettings settings, Report report)
    {
        await using var silo = await BenchSilo.StartAsync();
        var factory = silo.GrainFactory;
        var grains = Enumerable.Range(0, settings.Grains).Select(i => factory.GetGrain<IPingGrain>(i)).ToArray();
        await Task.WhenAll(grains.Select(g => g.PingAsync(0)));
        var baseline = new ChannelActorBaseline(settings.Grains);

        var variants = new (string Name, Func<long, int, Task<int>> Call)[]
        {
            ("channel actor baseline", baseline.PingAsync),
            ("grain call, cached reference", (key, value) => grains[key].PingAsync(value)),
            ("grain call, GetGrain per call", (key, value) => factory.GetGrain<IPingGrain>(key).PingAsync(value)),
        };

        // Tiered compilation of Orleans' call path takes seconds under load: the first rounds read low otherwise.
        foreach (var (_, call) in variants) await RunCallersAsync(call, settings, TimeSpan.FromSeconds(settings.WarmUpSeconds));

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

        var baselineMedian = Stats.Median(results[variants[0].Name]);
        report.Section($"In-silo grain call throughput (Orleans): {settings.Grains:N0} grains, {settings.Callers} concurrent callers, {settings.Seconds} s x {settings.Rounds} rounds per variant");
        report.Line("| variant | median calls/s | min | max | vs baseline |");
        report.Line("|---|---|---|---|---|");
        foreach (var (name, _) in variants)
        {
            var rates = results[name];
            report.Line($"| {name} | {Stats.Median(rates):N0} | {rates.Min():N0} | {rates.Max():N0} | {Stats.Median(rates) / baselineMedian:0.00}x |");
        }
    }

    private static async Task<double> MeasureAsync(Func<long, int, Task<int>> call, BenchSettings settings)
    {
        await RunCallersAsync(call, settings, WarmUp);
        return await RunCallersAsync(call, settings, TimeSpan.FromSeconds(settings.Seconds));
    }

    /// <summary>Every caller walks the grains in turn (caller c starts at grain c, steps by the number of callers).</summary>
    private static async Task<double> RunCallersAsync(Func<long, int, Task<int>> call, BenchSettings settings, TimeSpan duration)
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

        var clock = Stopwatch.StartNew();
        var running = Task.WhenAll(Enumerable.Range(0, settings.Callers).Select(c => Task.Run(() => CallerAsync(c))));
        await Task.Delay(duration);
        Volatile.Write(ref stop, true);
        await running;
        return counts.Sum() / clock.Elapsed.TotalSeconds;
    }
}
