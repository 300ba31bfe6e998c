using System.Diagnostics;
using Commerce.Cluster.TestGrains;
using Commerce.Runtime;
using Commerce.Runtime.Client;
using Commerce.Runtime.Configuration;
using Commerce.Runtime.Membership;
using Commerce.Runtime.Postgres;
using Commerce.Testing.Infrastructure;
using Npgsql;

namespace Commerce.Bench.Cluster;

/// <summary>
/// Grain calls across processes on loopback, in one run with the transport echo baseline
/// (<see cref="TransportEchoBenchmark"/>): a cluster client calling PingAsync on grains owned by
/// two real silo processes over PostgreSQL membership; then the failover times: kill -9 one silo
/// and measure until the membership declares it dead and until its grains answer from the other.
/// </summary>
internal static class ClusterCallBenchmark
{
    private const string Secret = "bench-cluster-secret-0123456789";

    public static async Task RunAsync(BenchSettings settings, Report report)
    {
        await TransportEchoBenchmark.RunAsync(settings, report);

        await using var server = await PostgresServer.StartAsync(CancellationToken.None);
        var clusterId = $"bench{Environment.ProcessId}";
        var connectionString = await server.CreateDatabaseAsync(clusterId);
        var grains = typeof(ICounterGrain).Assembly.Location;
        await using var first = await SiloProcess.StartAsync("silo1", clusterId, connectionString, Secret, grains);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var client = await ClusterClient.ConnectAsync(
            new ClusterClientOptions { ClusterId = clusterId, ClusterSecret = Secret },
            new PostgresMembershipTable(dataSource, clusterId),
            new MessagingOptions { ResponseTimeout = TimeSpan.FromSeconds(30) });
        var references = Enumerable.Range(0, settings.Grains).Select(i => client.GetGrain<IPingGrain>(i)).ToArray();

        // One silo: the same two processes and one connection as the echo baseline.
        var oneSilo = await MeasureAsync(references, settings, "client -> 1 silo process");
        var oneSiloLatency = await TransportEchoBenchmark.MeasureLatencyAsync(references[1].PingAsync, settings.LatencyCalls);

        await using var second = await SiloProcess.StartAsync("silo2", clusterId, connectionString, Secret, grains);
        while (client.View.ActiveSilos.Length < 2) await Task.Delay(100);
        var twoSilos = await MeasureAsync(references, settings, "client -> 2 silo processes");

        report.Section($"Grain calls across processes: a cluster client -> {settings.Grains:N0} ping grains on silo processes (PostgreSQL membership), {settings.Callers} concurrent callers, {settings.Seconds} s x {settings.Rounds} rounds");
        report.Line("| variant | median calls/s | min | max |");
        report.Line("|---|---|---|---|");
        report.Line($"| client -> 1 silo (2 processes, 1 connection, as the echo) | {Runtime.CallThroughputBenchmark.Median(oneSilo):N0} | {oneSilo.Min():N0} | {oneSilo.Max():N0} |");
        report.Line($"| client -> 2 silos (3 processes on 2 cores) | {Runtime.CallThroughputBenchmark.Median(twoSilos):N0} | {twoSilos.Min():N0} | {twoSilos.Max():N0} |");
        report.Line("");
        report.Line($"| one caller alone, {settings.LatencyCalls:N0} sequential grain calls, 1 silo | p50 µs | p90 µs | p99 µs | p99.9 µs |");
        report.Line("|---|---|---|---|---|");
        report.Line($"| cross-process grain call | {P(oneSiloLatency, 0.5)} | {P(oneSiloLatency, 0.9)} | {P(oneSiloLatency, 0.99)} | {P(oneSiloLatency, 0.999)} |");

        await MeasureFailoverAsync(client, dataSource, clusterId, second, references, report);
    }

    private static async Task MeasureFailoverAsync(ClusterClient client, NpgsqlDataSource dataSource, string clusterId, SiloProcess victim, IPingGrain[] references, Report report)
    {
        var owned = new List<IPingGrain>();
        foreach (var reference in references.Take(200))
        {
            if (await reference.ProcessIdAsync() == victim.ProcessId) owned.Add(reference);
        }

        var table = new PostgresMembershipTable(dataSource, clusterId);
        var clock = Stopwatch.StartNew();
        victim.Kill();
        TimeSpan? declaredDead = null;
        var servedAgain = new TimeSpan[owned.Count];
        var watchTable = Task.Run(async () =>
        {
            while (declaredDead is null && clock.Elapsed < TimeSpan.FromSeconds(60))
            {
                var snapshot = await table.ReadAllAsync();
                if (snapshot.Rows.Any(r => r.Address.Port == victim.SiloPort && r.Status == SiloStatus.Dead)) declaredDead = clock.Elapsed;
                await Task.Delay(20);
            }
        });
        await Task.WhenAll(owned.Select((grain, n) => Task.Run(async () =>
        {
            while (clock.Elapsed < TimeSpan.FromSeconds(60))
            {
                try
                {
                    if (await grain.ProcessIdAsync() != victim.ProcessId)
                    {
                        servedAgain[n] = clock.Elapsed;
                        return;
                    }
                }
                catch (Exception exception) when (exception is SiloUnavailableException or TimeoutException)
                {
                }

                await Task.Delay(20);
            }
        })));
        await watchTable;

        report.Section("Failover: kill -9 of one of two silos (production membership timings: probe every 1 s, 3 missed probes)");
        report.Line("| measure | seconds after the kill |");
        report.Line("|---|---|");
        report.Line($"| silo declared Dead in the membership table | {declaredDead?.TotalSeconds.ToString("0.00") ?? "not within 60 s"} |");
        report.Line($"| all {owned.Count} sampled grains it owned answer again from the survivor (slowest) | {(owned.Count == 0 ? "n/a" : servedAgain.Max().TotalSeconds.ToString("0.00"))} |");
        report.Line($"| first of them answering again | {(owned.Count == 0 ? "n/a" : servedAgain.Min().TotalSeconds.ToString("0.00"))} |");
        Console.WriteLine($"  declared dead after {declaredDead?.TotalSeconds:0.00} s; grains back after {(owned.Count == 0 ? 0 : servedAgain.Max().TotalSeconds):0.00} s");
    }

    private static async Task<List<double>> MeasureAsync(IPingGrain[] references, BenchSettings settings, string label)
    {
        await Task.WhenAll(references.Select(r => r.PingAsync(0)));
        var next = 0;
        Task<int> PingAny(int value) => references[(uint)Interlocked.Increment(ref next) % (uint)references.Length].PingAsync(value);
        var rates = new List<double>();
        for (var round = 0; round < settings.Rounds; round++)
        {
            var (rate, _) = await TransportEchoBenchmark.MeasureThroughputAsync(PingAny, settings);
            rates.Add(rate);
            Console.WriteLine($"  round {round + 1}: {rate,12:N0} grain calls/s {label}");
        }

        return rates;
    }

    private static string P(double[] sorted, double q) => TransportEchoBenchmark.Percentile(sorted, q).ToString("0.0");
}
