using System.Diagnostics;
using Commerce.Cluster.TestGrains;
using Commerce.Testing.Infrastructure;
using Orleans;

namespace Commerce.Bench.Cluster;

/// <summary>
/// Orleans grain calls across processes on loopback, in one run with the transport echo baseline
/// (<see cref="TransportEchoBenchmark"/>): a cluster client calling <see cref="IPingGrain.PingAsync"/> on grains of
/// one, then two silo processes (the product's silo executable over PostgreSQL clustering, its own configuration);
/// grains on one silo calling grains on the other; then failover (<see cref="FailoverBenchmark"/>).
/// </summary>
internal static class ClusterCallBenchmark
{
    /// <summary>Silo-to-silo targets per caller: each caller walks its own slice, so no two callers queue on one grain.</summary>
    private const int TargetsPerCaller = 8;

    /// <summary>Caller grains activated, at most, per caller wanted on silo 1.</summary>
    private const int CallerProbesPerCaller = 16;

    /// <summary>Headroom over the longest call the suite makes (a caller grain's warm-up run) before the client gives up on it.</summary>
    private static readonly TimeSpan ResponseTimeoutMargin = TimeSpan.FromSeconds(30);

    public static Task RunAsync(BenchSettings settings, Report report) =>
        TransportEchoBenchmark.RunAsync(settings, report, echoRound => RunAlongsideEchoAsync(settings, report, echoRound));

    /// <summary>Only the echo and the silo -> silo variant: the quick loop for work on the grain-to-grain path.</summary>
    public static Task RunSiloToSiloAsync(BenchSettings settings, Report report) =>
        TransportEchoBenchmark.RunAsync(settings, report, echoRound => RunSiloToSiloAlongsideEchoAsync(settings, report, echoRound));

    private static async Task RunSiloToSiloAlongsideEchoAsync(BenchSettings settings, Report report, Func<Task<double>> echoRound)
    {
        await using var cluster = await BenchCluster.StartAsync("bench");
        var first = await cluster.AddSiloAsync("silo1");
        var second = await cluster.AddSiloAsync("silo2");
        var client = await cluster.ConnectClientAsync(ResponseTimeout(settings));
        var siloToSilo = await MeasureSiloToSiloAsync(client, 0, settings, echoRound, first, second);
        report.Section($"Orleans grain-to-grain calls between two silo processes, {settings.Callers} callers, {settings.Seconds} s x {settings.Rounds} rounds, each round next to an echo round");
        report.Line(ClusterVariant.Header);
        report.Line(ClusterVariant.Separator);
        report.Line(siloToSilo.Row("silo -> silo: grains on silo 1 each calling grains of silo 2 in turn"));
    }

    private static async Task RunAlongsideEchoAsync(BenchSettings settings, Report report, Func<Task<double>> echoRound)
    {
        await using var cluster = await BenchCluster.StartAsync("bench");
        var first = await cluster.AddSiloAsync("silo1");
        var oneSiloClient = await cluster.ConnectClientAsync(ResponseTimeout(settings));
        var oneSiloGrains = PingGrains(oneSiloClient, 0, settings.Grains);

        // One silo: the same two processes and one connection as the echo baseline.
        var oneSilo = await MeasureAsync(oneSiloGrains, settings, echoRound, "client -> 1 silo process", first);
        var oneSiloLatency = await LoadLoop.MeasureLatencyAsync(oneSiloGrains[1].PingAsync, settings.LatencyCalls);
        Console.WriteLine($"  one caller alone: p50 {Stats.Percentile(oneSiloLatency, 0.5):0.0} µs, p99 {Stats.Percentile(oneSiloLatency, 0.99):0.0} µs");

        // Two silos: a client started now reads both gateways from the table, and grains of keys not used so far are
        // placed over both silos (Orleans does not move the 1-silo variant's activations when a silo joins).
        var second = await cluster.AddSiloAsync("silo2");
        var client = await cluster.ConnectClientAsync(ResponseTimeout(settings));
        var twoSiloGrains = PingGrains(client, settings.Grains, settings.Grains);
        var placement = await PlacementAsync(twoSiloGrains, first, second);
        var twoSilos = await MeasureAsync(twoSiloGrains, settings, echoRound, "client -> 2 silo processes", first, second);
        var siloToSilo = await MeasureSiloToSiloAsync(client, settings.Grains, settings, echoRound, first, second);

        report.Section($"Orleans grain calls across processes: {settings.Grains:N0} ping grains on silo processes (PostgreSQL clustering), {settings.Callers} concurrent callers, {settings.Seconds} s x {settings.Rounds} rounds, each round next to an echo round");
        report.Line(ClusterVariant.Header);
        report.Line(ClusterVariant.Separator);
        report.Line(oneSilo.Row("client -> 1 silo (2 processes, 1 connection, as the echo)"));
        report.Line(twoSilos.Row($"client -> 2 silos (3 processes on 2 cores; grains placed {placement})"));
        report.Line(siloToSilo.Row("silo -> silo: grains on silo 1 each calling grains of silo 2 in turn"));
        report.Line("");
        report.Line($"| one caller alone, {settings.LatencyCalls:N0} sequential grain calls, 1 silo | p50 µs | p90 µs | p99 µs | p99.9 µs |");
        report.Line("|---|---|---|---|---|");
        report.Line($"| cross-process grain call | {P(oneSiloLatency, 0.5)} | {P(oneSiloLatency, 0.9)} | {P(oneSiloLatency, 0.99)} | {P(oneSiloLatency, 0.999)} |");

        await FailoverBenchmark.RunAsync(cluster, second, twoSiloGrains, report);
    }

    private static IPingGrain[] PingGrains(IGrainFactory factory, int firstKey, int count) =>
        Enumerable.Range(firstKey, count).Select(key => factory.GetGrain<IPingGrain>(key)).ToArray();

    /// <summary>Activates every grain and says how many each silo got (Orleans' default placement decides).</summary>
    private static async Task<string> PlacementAsync(IPingGrain[] grains, SiloProcess first, SiloProcess second)
    {
        var processes = await Task.WhenAll(grains.Select(g => g.ProcessIdAsync()));
        var text = $"{processes.Count(p => p == first.ProcessId):N0} / {processes.Count(p => p == second.ProcessId):N0}";
        Console.WriteLine($"  placement of {grains.Length:N0} grains, silo 1 / silo 2: {text}");
        return text;
    }

    private static async Task<ClusterVariant> MeasureAsync(IPingGrain[] grains, BenchSettings settings, Func<Task<double>> echoRound, string label, params SiloProcess[] silos)
    {
        await Task.WhenAll(grains.Select(g => g.PingAsync(0)));
        var next = 0;
        Task<int> PingAny(int value) => grains[(uint)Interlocked.Increment(ref next) % (uint)grains.Length].PingAsync(value);
        var variant = new ClusterVariant();
        var cpu = new CpuMeter([Process.GetCurrentProcess(), .. silos.Select(s => Process.GetProcessById(s.ProcessId))]);
        await LoadLoop.WarmUpAsync(PingAny, settings);
        for (var round = 0; round < settings.Rounds; round++)
        {
            variant.Echo.Add(await echoRound());
            var (rate, latencies) = await LoadLoop.MeasureThroughputAsync(PingAny, settings, cpu);
            variant.Add(rate, latencies, cpu);
            Console.WriteLine($"  round {round + 1}: {rate,12:N0} grain calls/s {label}; {variant.Describe()}");
        }

        return variant;
    }

    /// <summary>
    /// Grain-to-grain calls between two silo processes: <see cref="IPingCallerGrain"/> activations on
    /// <paramref name="first"/> call ping grains on <paramref name="second"/>, one call at a time each; the client
    /// only starts them and collects their counts.
    /// </summary>
    /// <param name="firstKey">The ping grains' keys start here (grains the client placed over both silos).</param>
    private static async Task<ClusterVariant> MeasureSiloToSiloAsync(IClusterClient client, int firstKey, BenchSettings settings, Func<Task<double>> echoRound, SiloProcess first, SiloProcess second)
    {
        var targets = new List<long>();
        for (long key = firstKey; key < firstKey + settings.Grains && targets.Count < settings.Callers * TargetsPerCaller; key++)
        {
            if (await client.GetGrain<IPingGrain>(key).ProcessIdAsync() == second.ProcessId) targets.Add(key);
        }

        // Where a caller grain lands is placement's choice; look at a bounded number of them.
        var callers = new List<IPingCallerGrain>();
        for (var key = 0; callers.Count < settings.Callers && key < settings.Callers * CallerProbesPerCaller; key++)
        {
            var caller = client.GetGrain<IPingCallerGrain>(key);
            if (await caller.ProcessIdAsync() == first.ProcessId) callers.Add(caller);
        }

        Console.WriteLine($"  silo -> silo: {callers.Count} callers on silo 1, {targets.Count} targets on silo 2");
        if (callers.Count == 0 || targets.Count == 0) throw new InvalidOperationException("Placement put no caller grain on silo 1 or no ping grain on silo 2.");
        var slices = callers.Select((_, n) => targets.Where((_, t) => t % callers.Count == n).ToArray()).ToArray();
        var variant = new ClusterVariant { Detail = $"{callers.Count} callers on silo 1, {targets.Count} targets on silo 2" };
        var cpu = new CpuMeter(Process.GetCurrentProcess(), Process.GetProcessById(first.ProcessId), Process.GetProcessById(second.ProcessId));
        await Task.WhenAll(callers.Select((c, n) => c.PingForAsync(slices[n], (int)TimeSpan.FromSeconds(Math.Max(1, settings.WarmUpSeconds)).TotalMilliseconds)));
        for (var round = 0; round < settings.Rounds; round++)
        {
            variant.Echo.Add(await echoRound());
            cpu.Start();
            var counts = await Task.WhenAll(callers.Select((c, n) => c.PingForAsync(slices[n], (int)TimeSpan.FromSeconds(settings.Seconds).TotalMilliseconds)));
            cpu.Stop();
            variant.Add(counts.Sum() / cpu.Wall.TotalSeconds, [], cpu);
            Console.WriteLine($"  round {round + 1}: {variant.Rates[^1],12:N0} grain calls/s silo 1 -> silo 2; {variant.Describe()}");
        }

        return variant;
    }

    private static TimeSpan ResponseTimeout(BenchSettings settings) =>
        TimeSpan.FromSeconds(Math.Max(settings.WarmUpSeconds, settings.Seconds)) + ResponseTimeoutMargin;

    private static string P(double[] sorted, double q) => Stats.Percentile(sorted, q).ToString("0.0");
}
