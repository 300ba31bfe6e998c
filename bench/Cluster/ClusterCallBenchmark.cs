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

    public static Task RunAsync(BenchSettings settings, Report report) =>
        TransportEchoBenchmark.RunAsync(settings, report, echoRound => RunAlongsideEchoAsync(settings, report, echoRound));

    /// <summary>Only the echo and the silo -> silo variant: the quick loop for work on the grain-to-grain path.</summary>
    public static Task RunSiloToSiloAsync(BenchSettings settings, Report report) =>
        TransportEchoBenchmark.RunAsync(settings, report, echoRound => RunSiloToSiloAlongsideEchoAsync(settings, report, echoRound));

    private static async Task RunSiloToSiloAlongsideEchoAsync(BenchSettings settings, Report report, Func<Task<double>> echoRound)
    {
        await using var cluster = await BenchCluster.StartAsync();
        var second = await cluster.AddSiloAsync("silo2");
        var references = Enumerable.Range(0, settings.Grains).Select(i => cluster.Client.GetGrain<IPingGrain>(i)).ToArray();
        var siloToSilo = await MeasureSiloToSiloAsync(cluster.Client, references, settings, echoRound, cluster.First, second);
        report.Section($"Grain-to-grain calls between two silo processes, {settings.Callers} callers, {settings.Seconds} s x {settings.Rounds} rounds, each round next to an echo round");
        report.Line(VariantHeader);
        report.Line("|---|---|---|---|---|---|---|---|---|---|");
        report.Line(siloToSilo.Row($"silo -> silo: {settings.Callers} grains on silo 1 each calling grains of silo 2 in turn"));
    }

    private const string VariantHeader = "| variant | median calls/s | min | max | echo rounds alongside (median) | vs echo (median of round pairs) | loaded p50 µs | loaded p99 µs | client CPU µs/call | silo CPU µs/call |";

    private static async Task RunAlongsideEchoAsync(BenchSettings settings, Report report, Func<Task<double>> echoRound)
    {
        await using var cluster = await BenchCluster.StartAsync();
        var (client, first) = (cluster.Client, cluster.First);
        var references = Enumerable.Range(0, settings.Grains).Select(i => client.GetGrain<IPingGrain>(i)).ToArray();

        // One silo: the same two processes and one connection as the echo baseline.
        var oneSilo = await MeasureAsync(references, settings, echoRound, "client -> 1 silo process", first);
        var oneSiloLatency = await TransportEchoBenchmark.MeasureLatencyAsync(references[1].PingAsync, settings.LatencyCalls);

        var second = await cluster.AddSiloAsync("silo2");
        var twoSilos = await MeasureAsync(references, settings, echoRound, "client -> 2 silo processes", first, second);
        var siloToSilo = await MeasureSiloToSiloAsync(client, references, settings, echoRound, first, second);

        report.Section($"Grain calls across processes: {settings.Grains:N0} ping grains on silo processes (PostgreSQL membership), {settings.Callers} concurrent callers, {settings.Seconds} s x {settings.Rounds} rounds, each round next to an echo round");
        report.Line(VariantHeader);
        report.Line("|---|---|---|---|---|---|---|---|---|---|");
        report.Line(oneSilo.Row("client -> 1 silo (2 processes, 1 connection, as the echo)"));
        report.Line(twoSilos.Row("client -> 2 silos (3 processes on 2 cores)"));
        report.Line(siloToSilo.Row($"silo -> silo: {settings.Callers} grains on silo 1 each calling grains of silo 2 in turn"));
        report.Line("");
        report.Line($"| one caller alone, {settings.LatencyCalls:N0} sequential grain calls, 1 silo | p50 µs | p90 µs | p99 µs | p99.9 µs |");
        report.Line("|---|---|---|---|---|");
        report.Line($"| cross-process grain call | {P(oneSiloLatency, 0.5)} | {P(oneSiloLatency, 0.9)} | {P(oneSiloLatency, 0.99)} | {P(oneSiloLatency, 0.999)} |");

        await MeasureFailoverAsync(client, cluster.DataSource, cluster.ClusterId, second, references, report);
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

    private static async Task<Variant> MeasureAsync(IPingGrain[] references, BenchSettings settings, Func<Task<double>> echoRound, string label, params SiloProcess[] silos)
    {
        await Task.WhenAll(references.Select(r => r.PingAsync(0)));
        var next = 0;
        Task<int> PingAny(int value) => references[(uint)Interlocked.Increment(ref next) % (uint)references.Length].PingAsync(value);
        var variant = new Variant();
        var cpu = new CpuMeter([Process.GetCurrentProcess(), .. silos.Select(s => Process.GetProcessById(s.ProcessId))]);
        await TransportEchoBenchmark.WarmUpAsync(PingAny, settings);
        for (var round = 0; round < settings.Rounds; round++)
        {
            variant.Echo.Add(await echoRound());
            var (rate, latencies) = await TransportEchoBenchmark.MeasureThroughputAsync(PingAny, settings, cpu);
            variant.Add(rate, latencies, cpu);
            Console.WriteLine($"  round {round + 1}: {rate,12:N0} grain calls/s {label}; {variant.Describe()}");
        }

        return variant;
    }

    /// <summary>
    /// Grain-to-grain calls between two silo processes: <see cref="IPingCallerGrain"/> activations
    /// owned by <paramref name="first"/> call ping grains owned by <paramref name="second"/>, one call
    /// at a time each; the client only starts them and collects their counts.
    /// </summary>
    private static async Task<Variant> MeasureSiloToSiloAsync(ClusterClient client, IPingGrain[] references, BenchSettings settings, Func<Task<double>> echoRound, SiloProcess first, SiloProcess second)
    {
        var targets = new List<long>();
        for (var i = 0; i < references.Length && targets.Count < settings.Callers * 8; i++)
        {
            if (await references[i].ProcessIdAsync() == second.ProcessId) targets.Add(i);
        }

        var callers = new List<IPingCallerGrain>();
        for (var i = 0; callers.Count < settings.Callers; i++)
        {
            var caller = client.GetGrain<IPingCallerGrain>(i);
            if (await caller.ProcessIdAsync() == first.ProcessId) callers.Add(caller);
        }

        // Each caller gets its own slice of the targets, so no two callers queue on the same grain.
        var slices = callers.Select((_, n) => targets.Where((_, t) => t % callers.Count == n).ToArray()).ToArray();
        var variant = new Variant();
        var cpu = new CpuMeter(Process.GetCurrentProcess(), Process.GetProcessById(first.ProcessId), Process.GetProcessById(second.ProcessId));
        await Task.WhenAll(callers.Select((c, n) => c.PingForAsync(slices[n], (int)WarmUp.TotalMilliseconds + settings.WarmUpSeconds * 1000)));
        for (var round = 0; round < settings.Rounds; round++)
        {
            variant.Echo.Add(await echoRound());
            cpu.Start();
            var counts = await Task.WhenAll(callers.Select((c, n) => c.PingForAsync(slices[n], settings.Seconds * 1000)));
            cpu.Stop();
            variant.Add(counts.Sum() / cpu.Wall.TotalSeconds, [], cpu);
            Console.WriteLine($"  round {round + 1}: {variant.Rates[^1],12:N0} grain calls/s silo 1 -> silo 2; {variant.Describe()}");
        }

        return variant;
    }

    /// <summary>A throwaway PostgreSQL, silo processes of the test grains over it, and a cluster client of them.</summary>
    private sealed class BenchCluster : IAsyncDisposable
    {
        private readonly PostgresServer _server;
        private readonly string _connectionString;
        private readonly List<SiloProcess> _silos = [];

        private BenchCluster(PostgresServer server, string clusterId, string connectionString)
        {
            _server = server;
            ClusterId = clusterId;
            _connectionString = connectionString;
            DataSource = NpgsqlDataSource.Create(connectionString);
        }

        public string ClusterId { get; }

        public NpgsqlDataSource DataSource { get; }

        public ClusterClient Client { get; private set; } = null!;

        public SiloProcess First => _silos[0];

        /// <summary>Starts the database, one silo and the client.</summary>
        public static async Task<BenchCluster> StartAsync()
        {
            var server = await PostgresServer.StartAsync(CancellationToken.None);
            var clusterId = $"bench{Environment.ProcessId}";
            var cluster = new BenchCluster(server, clusterId, await server.CreateDatabaseAsync(clusterId));
            await cluster.AddSiloAsync("silo1");
            cluster.Client = await ClusterClient.ConnectAsync(
                new ClusterClientOptions { ClusterId = clusterId, ClusterSecret = Secret },
                new PostgresMembershipTable(cluster.DataSource, clusterId),
                new MessagingOptions { ResponseTimeout = TimeSpan.FromSeconds(30) });
            return cluster;
        }

        /// <summary>Starts one more silo and waits until the client routes to it.</summary>
        public async Task<SiloProcess> AddSiloAsync(string name)
        {
            var silo = await SiloProcess.StartAsync(name, ClusterId, _connectionString, Secret, typeof(ICounterGrain).Assembly.Location);
            _silos.Add(silo);
            while (Client is not null && Client.View.ActiveSilos.Length < _silos.Count) await Task.Delay(100);
            return silo;
        }

        public async ValueTask DisposeAsync()
        {
            if (Client is not null) await Client.DisposeAsync();
            foreach (var silo in _silos) await silo.DisposeAsync();
            await DataSource.DisposeAsync();
            await _server.DisposeAsync();
        }
    }

    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(1);

    /// <summary>The rounds of one variant: rates, one caller's loaded latencies, CPU per call of the client and of the silos together.</summary>
    private sealed class Variant
    {
        public List<double> Rates { get; } = [];

        /// <summary>The echo round run just before each round of the variant.</summary>
        public List<double> Echo { get; } = [];

        private readonly List<double> _p50 = [];
        private readonly List<double> _p99 = [];
        private readonly List<double> _clientCpu = [];
        private readonly List<double> _siloCpu = [];

        public void Add(double rate, double[] latencies, CpuMeter cpu)
        {
            var calls = rate * cpu.Wall.TotalSeconds;
            Rates.Add(rate);
            if (latencies.Length > 0)
            {
                _p50.Add(TransportEchoBenchmark.Percentile(latencies, 0.5));
                _p99.Add(TransportEchoBenchmark.Percentile(latencies, 0.99));
            }

            _clientCpu.Add(cpu.Cpu[0].TotalMicroseconds / calls);
            _siloCpu.Add(cpu.Cpu.Skip(1).Sum(t => t.TotalMicroseconds) / calls);
        }

        public string Describe() =>
            $"{(_p50.Count > 0 ? $"one caller's p50 {_p50[^1]:0} µs, p99 {_p99[^1]:0} µs; " : "")}CPU per call: client {_clientCpu[^1]:0.00} µs, silos {_siloCpu[^1]:0.00} µs; echo alongside {Echo[^1]:N0}/s ({Rates[^1] / Echo[^1]:0.00}x)";

        public string Row(string name)
        {
            var median = Runtime.CallThroughputBenchmark.Median(Rates);
            var echo = Runtime.CallThroughputBenchmark.Median(Echo);
            var ratio = Runtime.CallThroughputBenchmark.Median(Rates.Select((rate, i) => rate / Echo[i]).ToArray());
            var p50 = _p50.Count > 0 ? Runtime.CallThroughputBenchmark.Median(_p50).ToString("0") : "n/a";
            var p99 = _p99.Count > 0 ? Runtime.CallThroughputBenchmark.Median(_p99).ToString("0") : "n/a";
            return $"| {name} | {median:N0} | {Rates.Min():N0} | {Rates.Max():N0} | {echo:N0} | {ratio:0.00}x | {p50} | {p99} | {Runtime.CallThroughputBenchmark.Median(_clientCpu):0.00} | {Runtime.CallThroughputBenchmark.Median(_siloCpu):0.00} |";
        }
    }

    private static string P(double[] sorted, double q) => TransportEchoBenchmark.Percentile(sorted, q).ToString("0.0");
}
