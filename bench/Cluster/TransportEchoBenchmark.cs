using System.Diagnostics;
using System.Net;

namespace Commerce.Bench.Cluster;

/// <summary>
/// The raw transport baseline that cross-process grain calls are compared with: two processes on loopback, one TCP
/// connection, and many callers each sending a small request and awaiting its response, correlated by id
/// (<see cref="EchoClient"/>). The server (this executable started again with <c>echo-server</c>) is a
/// <see cref="RawEchoServer"/>: each request frame goes straight back as its response; no messages, no serializer,
/// no grains.
/// </summary>
internal static class TransportEchoBenchmark
{
    public const string ServerSuite = "echo-server";

    private const string ReadyPrefix = "READY ";

    /// <summary>How long the server process may take to start listening.</summary>
    private static readonly TimeSpan ServerStartTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How long the server process may take to exit once told to.</summary>
    private static readonly TimeSpan ServerExitTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Runs the baseline and reports it. Then, if given, runs <paramref name="alongside"/> with the echo still up and a
    /// function that measures one more echo round (calls/s): on a shared machine the load changes from minute to
    /// minute, so variants compare with echo rounds run next to theirs.
    /// </summary>
    public static async Task RunAsync(BenchSettings settings, Report report, Func<Func<Task<double>>, Task>? alongside = null)
    {
        using var server = StartServer();
        try
        {
            var endPoint = await ReadServerEndPointAsync(server);
            await using var client = await EchoClient.ConnectAsync(endPoint);
            await RunClientAsync(settings, report, client, server);
            if (alongside is not null) await alongside(async () => (await LoadLoop.MeasureThroughputAsync(client.PingAsync, settings)).Rate);
        }
        finally
        {
            // Closing its standard input tells the server to exit.
            server.StandardInput.Close();
            if (!server.WaitForExit(ServerExitTimeout)) server.Kill(entireProcessTree: true);
        }
    }

    /// <summary>The child process: listens on a free loopback port, prints it, serves until its standard input closes.</summary>
    public static async Task<int> ServeAsync()
    {
        await using var server = new RawEchoServer(new IPEndPoint(IPAddress.Loopback, 0));
        Console.WriteLine(ReadyPrefix + server.EndPoint.Port);
        await Console.In.ReadToEndAsync();
        return 0;
    }

    private static async Task RunClientAsync(BenchSettings settings, Report report, EchoClient client, Process server)
    {
        if (await client.PingAsync(42) != 42) throw new InvalidOperationException("The echo server answered wrongly.");

        var rates = new List<double>();
        var loadedLatencies = new List<double[]>();
        var clientCpu = new List<double>();
        var serverCpu = new List<double>();
        var cpu = new CpuMeter(Process.GetCurrentProcess(), server);
        await LoadLoop.WarmUpAsync(client.PingAsync, settings);
        for (var round = 0; round < settings.Rounds; round++)
        {
            var (rate, latencies) = await LoadLoop.MeasureThroughputAsync(client.PingAsync, settings, cpu);
            var calls = rate * cpu.Wall.TotalSeconds;
            rates.Add(rate);
            loadedLatencies.Add(latencies);
            clientCpu.Add(cpu.Cpu[0].TotalMicroseconds / calls);
            serverCpu.Add(cpu.Cpu[1].TotalMicroseconds / calls);
            Console.WriteLine($"  round {round + 1}: {rate,12:N0} echo calls/s over one connection, {settings.Callers} callers; one caller's p50 {Stats.Percentile(latencies, 0.5):0} µs, p99 {Stats.Percentile(latencies, 0.99):0} µs; CPU per call: client {clientCpu[^1]:0.00} µs, server {serverCpu[^1]:0.00} µs");
        }

        var single = await LoadLoop.MeasureLatencyAsync(client.PingAsync, settings.LatencyCalls);
        Console.WriteLine($"  one caller alone: p50 {Stats.Percentile(single, 0.5):0.0} µs, p99 {Stats.Percentile(single, 0.99):0.0} µs");

        report.Section($"Transport echo baseline: 2 processes on loopback, 1 TCP connection, 16-byte request and response frames, {settings.Callers} concurrent callers, {settings.Seconds} s x {settings.Rounds} rounds");
        report.Line("| measure | median | min | max |");
        report.Line("|---|---|---|---|");
        report.Line($"| calls/s | {Stats.Median(rates):N0} | {rates.Min():N0} | {rates.Max():N0} |");
        var p50s = loadedLatencies.Select(l => Stats.Percentile(l, 0.5)).ToArray();
        var p99s = loadedLatencies.Select(l => Stats.Percentile(l, 0.99)).ToArray();
        report.Line($"| one of the {settings.Callers} callers: p50 µs | {Stats.Median(p50s):0} | {p50s.Min():0} | {p50s.Max():0} |");
        report.Line($"| one of the {settings.Callers} callers: p99 µs | {Stats.Median(p99s):0} | {p99s.Min():0} | {p99s.Max():0} |");
        report.Line($"| client process CPU µs per call | {Stats.Median(clientCpu):0.00} | {clientCpu.Min():0.00} | {clientCpu.Max():0.00} |");
        report.Line($"| echo server process CPU µs per call | {Stats.Median(serverCpu):0.00} | {serverCpu.Min():0.00} | {serverCpu.Max():0.00} |");
        report.Line("");
        report.Line($"| one caller alone, {settings.LatencyCalls:N0} sequential calls | p50 µs | p90 µs | p99 µs | p99.9 µs |");
        report.Line("|---|---|---|---|---|");
        report.Line($"| transport echo | {Stats.Percentile(single, 0.5):0.0} | {Stats.Percentile(single, 0.9):0.0} | {Stats.Percentile(single, 0.99):0.0} | {Stats.Percentile(single, 0.999):0.0} |");
    }

    private static Process StartServer()
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
        return Process.Start(start) ?? throw new InvalidOperationException("Could not start the echo server process.");
    }

    private static async Task<IPEndPoint> ReadServerEndPointAsync(Process server)
    {
        using var timeout = new CancellationTokenSource(ServerStartTimeout);
        while (await server.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith(ReadyPrefix, StringComparison.Ordinal)) return new IPEndPoint(IPAddress.Loopback, int.Parse(line[ReadyPrefix.Length..], System.Globalization.CultureInfo.InvariantCulture));
        }

        throw new InvalidOperationException($"The echo server exited (code {(server.HasExited ? server.ExitCode : -1)}) before it was ready.");
    }
}
