using System.Diagnostics;

namespace Commerce.Bench.Runtime;

/// <summary>Latency of one uncontended call at a time (one caller, one grain) in a co-hosted silo, against the baseline.</summary>
internal static class CallLatencyBenchmark
{
    public static async Task RunAsync(BenchSettings settings, Report report)
    {
        await using var silo = await BenchSilo.StartAsync();
        var grain = silo.GrainFactory.GetGrain<IPingGrain>(1);
        var baseline = new ChannelActorBaseline(2);

        var variants = new (string Name, Func<int, Task<int>> Call)[]
        {
            ("channel actor baseline", value => baseline.PingAsync(1, value)),
            ("grain call", grain.PingAsync),
        };

        report.Section($"Uncontended in-silo call latency (Orleans): one caller, {settings.LatencyCalls:N0} sequential calls per variant (after warm-up)");
        report.Line("| variant | p50 µs | p90 µs | p99 µs | p99.9 µs |");
        report.Line("|---|---|---|---|---|");
        foreach (var (name, call) in variants)
        {
            for (var i = 0; i < settings.LatencyCalls / 4; i++) await call(i);
            var samples = new double[settings.LatencyCalls];
            for (var i = 0; i < samples.Length; i++)
            {
                var started = Stopwatch.GetTimestamp();
                await call(i);
                samples[i] = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
            }

            Array.Sort(samples);
            double At(double q) => Stats.Percentile(samples, q);
            report.Line($"| {name} | {At(0.50):0.0} | {At(0.90):0.0} | {At(0.99):0.0} | {At(0.999):0.0} |");
            Console.WriteLine($"  {name}: p50 {At(0.5):0.0} µs, p99 {At(0.99):0.0} µs");
        }
    }
}
