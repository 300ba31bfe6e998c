using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using Commerce.Bench.Runtime;
using Commerce.Runtime;
using Commerce.Runtime.Membership;
using Commerce.Runtime.Networking;
using Commerce.Runtime.Registry;

namespace Commerce.Bench.Cluster;

/// <summary>
/// The raw transport baseline that cross-silo grain calls are compared with: two processes on
/// loopback, one connection, and many callers each sending a small request
/// (<see cref="IPingGrain.PingAsync"/>, built by the generated proxy) and awaiting its response,
/// correlated by id. The client side is the real <see cref="ConnectionManager"/> (framing,
/// handshake, write batching, pending calls); the server (this executable started again with
/// <c>echo-server</c>) is a <see cref="RawEchoServer"/>: same framing and handshake, each request frame
/// echoed straight back as a response, no request objects, no grains.
/// </summary>
internal static class TransportEchoBenchmark
{
    public const string ServerSuite = "echo-server";

    private const string ClusterId = "bench";
    private const string SecretVariable = "COMMERCE_BENCH_ECHO_SECRET";
    private const string ReadyPrefix = "READY ";

    /// <summary>The deadline calls carry; the echo server ignores it.</summary>
    private static readonly TimeSpan ResponseTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Warm-up before each measured window: lets tiered compilation and the thread pool settle.</summary>
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Runs the baseline and reports it. Then, if given, runs <paramref name="alongside"/> with the echo
    /// still up and a function that measures one more echo round (calls/s): on a shared machine the
    /// load changes from minute to minute, so variants compare with echo rounds run next to theirs.
    /// </summary>
    public static async Task RunAsync(BenchSettings settings, Report report, Func<Func<Task<double>>, Task>? alongside = null)
    {
        var secret = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        using var server = StartServer(secret);
        try
        {
            var address = await ReadServerAddressAsync(server);
            await RunClientAsync(settings, report, secret, address, server, alongside);
        }
        finally
        {
            // Closing its standard input tells the server to exit.
            server.StandardInput.Close();
            if (!server.WaitForExit(TimeSpan.FromSeconds(10))) server.Kill(entireProcessTree: true);
        }
    }

    /// <summary>The child process: listens on a free loopback port, prints its address, serves until its standard input closes.</summary>
    public static async Task<int> ServeAsync()
    {
        var secret = Environment.GetEnvironmentVariable(SecretVariable) ?? throw new InvalidOperationException($"{SecretVariable} is not set.");
        var identity = TransportIdentity.ForSilo(ClusterId, new SiloAddress("127.0.0.1", 0, SiloAddress.NewGeneration()));
        await using var server = new RawEchoServer(identity, secret, new IPEndPoint(IPAddress.Loopback, 0));
        Console.WriteLine(ReadyPrefix + server.Identity.Silo);
        await Console.In.ReadToEndAsync();
        return 0;
    }

    private static async Task RunClientAsync(BenchSettings settings, Report report, string secret, SiloAddress address, Process server, Func<Func<Task<double>>, Task>? alongside)
    {
        var registry = new GrainTypeRegistry();
        registry.AddAssembly(typeof(IPingGrain).Assembly);
        await using var client = new DirectSiloClient(
            address, new NetworkingOptions { ClusterSecret = secret }, TransportIdentity.ForClient(ClusterId, $"bench-{Environment.ProcessId}"), registry, ResponseTimeout);
        var grain = client.GrainFactory.GetGrain<IPingGrain>(GrainId.Create(new GrainType("ping"), 1));
        if (await grain.PingAsync(42) != 42) throw new InvalidOperationException("The echo server answered wrongly.");

        var rates = new List<double>();
        var loadedLatencies = new List<double[]>();
        var clientCpu = new List<double>();
        var serverCpu = new List<double>();
        var cpu = new CpuMeter(Process.GetCurrentProcess(), server);
        await WarmUpAsync(grain.PingAsync, settings);
        for (var round = 0; round < settings.Rounds; round++)
        {
            var (rate, latencies) = await MeasureThroughputAsync(grain.PingAsync, settings, cpu);
            var calls = rate * cpu.Wall.TotalSeconds;
            rates.Add(rate);
            loadedLatencies.Add(latencies);
            clientCpu.Add(cpu.Cpu[0].TotalMicroseconds / calls);
            serverCpu.Add(cpu.Cpu[1].TotalMicroseconds / calls);
            Console.WriteLine($"  round {round + 1}: {rate,12:N0} calls/s over one connection, {settings.Callers} callers; one caller's p50 {Percentile(latencies, 0.5):0} µs, p99 {Percentile(latencies, 0.99):0} µs; CPU per call: client {clientCpu[^1]:0.00} µs, server {serverCpu[^1]:0.00} µs");
        }

        var single = await MeasureLatencyAsync(grain.PingAsync, settings.LatencyCalls);
        Console.WriteLine($"  one caller alone: p50 {Percentile(single, 0.5):0.0} µs, p99 {Percentile(single, 0.99):0.0} µs");

        report.Section($"Transport echo baseline: 2 processes on loopback, 1 connection, PingAsync(int) requests, {settings.Callers} concurrent callers, {settings.Seconds} s x {settings.Rounds} rounds");
        report.Line("| measure | median | min | max |");
        report.Line("|---|---|---|---|");
        report.Line($"| calls/s | {CallThroughputBenchmark.Median(rates):N0} | {rates.Min():N0} | {rates.Max():N0} |");
        var p50s = loadedLatencies.Select(l => Percentile(l, 0.5)).ToArray();
        var p99s = loadedLatencies.Select(l => Percentile(l, 0.99)).ToArray();
        report.Line($"| one of the {settings.Callers} callers: p50 µs | {CallThroughputBenchmark.Median(p50s):0} | {p50s.Min():0} | {p50s.Max():0} |");
        report.Line($"| one of the {settings.Callers} callers: p99 µs | {CallThroughputBenchmark.Median(p99s):0} | {p99s.Min():0} | {p99s.Max():0} |");
        report.Line($"| client process CPU µs per call | {CallThroughputBenchmark.Median(clientCpu):0.00} | {clientCpu.Min():0.00} | {clientCpu.Max():0.00} |");
        report.Line($"| echo server process CPU µs per call | {CallThroughputBenchmark.Median(serverCpu):0.00} | {serverCpu.Min():0.00} | {serverCpu.Max():0.00} |");
        report.Line("");
        report.Line($"| one caller alone, {settings.LatencyCalls:N0} sequential calls | p50 µs | p90 µs | p99 µs | p99.9 µs |");
        report.Line("|---|---|---|---|---|");
        report.Line($"| transport echo | {Percentile(single, 0.5):0.0} | {Percentile(single, 0.9):0.0} | {Percentile(single, 0.99):0.0} | {Percentile(single, 0.999):0.0} |");
        if (alongside is not null) await alongside(async () => (await MeasureThroughputAsync(grain.PingAsync, settings)).Rate);
    }

    /// <summary>
    /// Calls per second with every caller looping; caller 0 also records the latency of each of its
    /// calls. <paramref name="cpu"/>, if given, is started and stopped around the measured window.
    /// </summary>
    internal static async Task<(double Rate, double[] Latencies)> MeasureThroughputAsync(Func<int, Task<int>> ping, BenchSettings settings, CpuMeter? cpu = null)
    {
        var stop = false;
        var counts = new long[settings.Callers];
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

        var warm = Task.WhenAll(Enumerable.Range(0, settings.Callers).Select(c => Task.Run(() => CallerAsync(c))));
        await Task.Delay(WarmUp);
        Volatile.Write(ref stop, true);
        await warm;

        stop = false;
        Array.Clear(counts);
        latencies.Clear();
        cpu?.Start();
        var clock = Stopwatch.StartNew();
        var running = Task.WhenAll(Enumerable.Range(0, settings.Callers).Select(c => Task.Run(() => CallerAsync(c))));
        await Task.Delay(TimeSpan.FromSeconds(settings.Seconds));
        Volatile.Write(ref stop, true);
        await running;
        var elapsed = clock.Elapsed;
        cpu?.Stop();
        var sorted = latencies.ToArray();
        Array.Sort(sorted);
        return (counts.Sum() / elapsed.TotalSeconds, sorted);
    }

    /// <summary>Loads <paramref name="ping"/> for <see cref="BenchSettings.WarmUpSeconds"/> before the measured rounds.</summary>
    internal static Task WarmUpAsync(Func<int, Task<int>> ping, BenchSettings settings) =>
        settings.WarmUpSeconds <= 0 ? Task.CompletedTask : MeasureThroughputAsync(ping, settings with { Seconds = settings.WarmUpSeconds });

    internal static async Task<double[]> MeasureLatencyAsync(Func<int, Task<int>> ping, int calls)
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

    internal static double Percentile(double[] sorted, double quantile) =>
        sorted.Length == 0 ? double.NaN : sorted[(int)Math.Min(sorted.Length - 1, quantile * sorted.Length)];

    private static Process StartServer(string secret)
    {
        var start = new ProcessStartInfo
        {
            FileName = Environment.ProcessPath!,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };

        // Under `dotnet Commerce.Bench.dll` the process is the dotnet host, which needs the assembly first.
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet") start.ArgumentList.Add(typeof(TransportEchoBenchmark).Assembly.Location);
        start.ArgumentList.Add(ServerSuite);
        start.Environment[SecretVariable] = secret;
        return Process.Start(start) ?? throw new InvalidOperationException("Could not start the echo server process.");
    }

    private static async Task<SiloAddress> ReadServerAddressAsync(Process server)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await server.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith(ReadyPrefix, StringComparison.Ordinal)) return SiloAddress.Parse(line[ReadyPrefix.Length..]);
        }

        throw new InvalidOperationException($"The echo server exited (code {(server.HasExited ? server.ExitCode : -1)}) before it was ready.");
    }
}
