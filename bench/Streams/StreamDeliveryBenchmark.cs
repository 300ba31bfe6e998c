using System.Diagnostics;
using Commerce.GrainInterfaces.Streams;
using Commerce.Testing.Infrastructure;
using Orleans.Runtime;
using Orleans.Streams;

namespace Commerce.Bench.Streams;

/// <summary>
/// Streams end to end in one silo of the product's composition (<see cref="BenchStreamSilo"/>) over a throwaway
/// PostgreSQL: (1) the durable provider (Orleans persistent streams over the PostgreSQL log): producers append behaviour
/// events at a fixed offered rate (open loop, each to a random one of 20,000 user streams), the pulling agents deliver
/// them to an implicit consumer grain, which records the latency from the producer's call to its own turn; (2) the
/// in-memory provider: producers publish as fast as deliveries keep up (a bounded window in flight), delivered events
/// per second.
/// </summary>
internal static class StreamDeliveryBenchmark
{
    public const string DurableNamespace = "bench-behaviour";
    public const string MemoryNamespace = "bench-memory";

    private const int Users = 20_000;
    private const int MemoryProducers = 64;
    private const int MemoryWindow = 20_000;
    /// <summary>Events per second of the warm-up: below saturation, so the warm-up does not queue behind itself.</summary>
    private const int WarmUpRate = 5_000;
    private static readonly int[] s_offeredRates = [2_000, 5_000, 10_000, 20_000];

    /// <summary>How long deliveries may trail the last append of a step before the step is reported as it is.</summary>
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long the warm-up may take to deliver: it activates 20,000 consumers and registers 20,000 streams with
    /// pub-sub, which on a loaded machine ran at a few hundred streams per second.
    /// </summary>
    private static readonly TimeSpan WarmUpDrainTimeout = TimeSpan.FromMinutes(3);

    public static async Task RunAsync(BenchSettings settings, Report report)
    {
        Console.WriteLine("Starting a throwaway PostgreSQL server...");
        await using var server = await PostgresServer.StartAsync();
        var connectionString = await server.CreateDatabaseAsync("stream_delivery_bench");
        await using var silo = await BenchStreamSilo.StartAsync(connectionString, $"streams{Environment.ProcessId}");
        var duration = TimeSpan.FromSeconds(settings.Seconds);
        await RunDurableAsync(silo, duration, report);
        await RunMemoryAsync(silo, settings, duration, report);
    }

    private static async Task RunDurableAsync(BenchStreamSilo silo, TimeSpan duration, Report report)
    {
        var streams = Streams(silo.GetStreamProvider(StreamProviderNames.Durable), DurableNamespace);
        var warmUp = await WarmUpAsync(streams, "durable");

        report.Section("Durable streams end to end (Orleans persistent streams over the PostgreSQL log): produce → log → pulling agent → implicit consumer grain (one silo, the product's composition)");
        report.Line($"{Users:N0} user streams, open-loop offered load for {duration.TotalSeconds:0} s per step; latency from the producer's OnNextAsync call to the consumer grain's turn, for the events produced in the step.");
        report.Line($"Warm-up: {warmUp}.");
        report.Line("");
        report.Line("| offered events/s | appended/s | delivered/s | p50 ms | p99 ms | max ms |");
        report.Line("|---|---|---|---|---|---|");
        foreach (var rate in s_offeredRates)
        {
            DeliveryRecorder.Begin();
            var (appended, elapsed) = await ProduceAtRateAsync(streams, rate, duration);
            await WaitForDeliveriesAsync(DrainTimeout, appended);
            var latencies = DeliveryRecorder.Latencies();
            var line = FormattableString.Invariant(
                $"| {rate:N0} | {appended / elapsed.TotalSeconds:N0} | {latencies.Length / elapsed.TotalSeconds:N0} | {Ms(latencies, appended, 0.50)} | {Ms(latencies, appended, 0.99)} | {Ms(latencies, appended, 1.0)} |");
            Console.WriteLine("  " + line);
            report.Line(line);
        }
    }

    private static async Task RunMemoryAsync(BenchStreamSilo silo, BenchSettings settings, TimeSpan duration, Report report)
    {
        var streams = Streams(silo.GetStreamProvider(StreamProviderNames.Memory), MemoryNamespace);

        report.Section("In-memory streams (Orleans memory provider): produce → implicit consumer grain (one silo)");
        report.Line($"{MemoryProducers} producers over {Users:N0} user streams, at most {MemoryWindow:N0} events in flight; {settings.Rounds} rounds of {duration.TotalSeconds:0} s after one event per stream and a warm-up round.");
        report.Line("");
        report.Line("| round | delivered events/s | p50 ms | p99 ms |");
        report.Line("|---|---|---|---|");
        var warmUp = await WarmUpAsync(streams, "memory");
        var rates = new List<double>();
        for (var round = 0; round <= settings.Rounds; round++)
        {
            DeliveryRecorder.Begin();
            var produced = 0L;
            var stop = 0;
            var started = Stopwatch.GetTimestamp();
            var producers = Enumerable.Range(0, MemoryProducers).Select(p => Task.Run(async () =>
            {
                var random = new Random(p);
                while (Volatile.Read(ref stop) == 0)
                {
                    if (Interlocked.Read(ref produced) - DeliveryRecorder.Count > MemoryWindow)
                    {
                        await Task.Delay(1);
                        continue;
                    }

                    var user = random.Next(Users);
                    await streams[user].OnNextAsync(Event(user));
                    Interlocked.Increment(ref produced);
                }
            })).ToArray();
            await Task.Delay(duration);
            Volatile.Write(ref stop, 1);
            await Task.WhenAll(producers);
            var delivered = DeliveryRecorder.Count;
            var elapsed = Stopwatch.GetElapsedTime(started);
            await WaitForDeliveriesAsync(DrainTimeout, Interlocked.Read(ref produced));
            var latencies = DeliveryRecorder.Latencies();
            if (round == 0) continue;
            var rate = delivered / elapsed.TotalSeconds;
            rates.Add(rate);
            var line = FormattableString.Invariant($"| {round} | {rate:N0} | {Ms(latencies, produced, 0.50)} | {Ms(latencies, produced, 0.99)} |");
            Console.WriteLine("  memory: " + line);
            report.Line(line);
        }

        report.Line(FormattableString.Invariant($"| **median** | **{Stats.Median(rates):N0}** | | |"));
        report.Line("");
        report.Line($"Warm-up: {warmUp}.");
    }

    /// <summary>
    /// One event on every stream, at <see cref="WarmUpRate"/>, delivered before anything is measured: the first event of a
    /// stream activates its consumer and registers the stream with Orleans' pub-sub (a state write to the pub-sub store),
    /// which is start-up cost, not the steady state the steps measure. Also lets tiered compilation finish. Returns what
    /// it took, for the report.
    /// </summary>
    private static async Task<string> WarmUpAsync(IAsyncStream<BenchBehaviourEvent>[] streams, string provider)
    {
        Console.WriteLine($"  {provider}: one event on each of {streams.Length:N0} streams...");
        DeliveryRecorder.Begin();
        var started = Stopwatch.GetTimestamp();
        var pending = new List<Task>(streams.Length);
        for (var user = 0; user < streams.Length; user++)
        {
            while (Stopwatch.GetElapsedTime(started).TotalSeconds * WarmUpRate < user) await Task.Delay(1);
            pending.Add(streams[user].OnNextAsync(Event(user)));
        }

        await Task.WhenAll(pending);
        await WaitForDeliveriesAsync(WarmUpDrainTimeout, streams.Length);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var text = FormattableString.Invariant(
            $"the first event of each of {streams.Length:N0} streams, offered at {WarmUpRate:N0}/s, delivered ({DeliveryRecorder.Count:N0}) in {elapsed.TotalSeconds:0.0} s");
        Console.WriteLine($"  {provider}: {text}");
        return text;
    }

    private static IAsyncStream<BenchBehaviourEvent>[] Streams(IStreamProvider provider, string streamNamespace) =>
        Enumerable.Range(0, Users).Select(u => provider.GetStream<BenchBehaviourEvent>(StreamId.Create(streamNamespace, UserKey(u)))).ToArray();

    private static string UserKey(int user) => $"user-{user:D6}";

    private static BenchBehaviourEvent Event(int user) => new(UserKey(user), "sku-0001234", "shoes", 19.99m, Stopwatch.GetTimestamp());

    /// <summary>Appends at <paramref name="rate"/> events per second, each to a random user's stream, for <paramref name="duration"/>; returns how many were acknowledged and in how long.</summary>
    private static async Task<(long Appended, TimeSpan Elapsed)> ProduceAtRateAsync(IAsyncStream<BenchBehaviourEvent>[] streams, int rate, TimeSpan duration)
    {
        var random = new Random(rate);
        var pending = new List<Task>();
        var started = Stopwatch.GetTimestamp();
        long sent = 0;
        while (Stopwatch.GetElapsedTime(started) < duration)
        {
            var due = (long)(Stopwatch.GetElapsedTime(started).TotalSeconds * rate);
            for (; sent < due; sent++)
            {
                var user = random.Next(streams.Length);
                pending.Add(streams[user].OnNextAsync(Event(user)));
            }

            await Task.Delay(1);
        }

        await Task.WhenAll(pending);
        return (sent, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>Waits until <paramref name="target"/> deliveries were recorded in the step, or <paramref name="timeout"/> passed.</summary>
    private static async Task WaitForDeliveriesAsync(TimeSpan timeout, long target)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline && DeliveryRecorder.Count < target) await Task.Delay(20);
        if (DeliveryRecorder.Count < target) Console.WriteLine($"  {target - DeliveryRecorder.Count:N0} events not delivered within {timeout.TotalSeconds:0} s");
    }

    /// <summary>
    /// The latency at <paramref name="percentile"/> of <paramref name="sent"/> events in ms, from the delivered ones'
    /// ascending latencies; when the undelivered ones reach into that percentile, only a lower bound: the drain timeout.
    /// </summary>
    private static string Ms(long[] sorted, long sent, double percentile)
    {
        var index = (long)Math.Ceiling(percentile * sent) - 1;
        if (sent == 0 || index >= sorted.Length) return FormattableString.Invariant($"> {DrainTimeout.TotalMilliseconds:0}");
        return FormattableString.Invariant($"{sorted[Math.Max(0, index)] * 1_000.0 / Stopwatch.Frequency:0.0}");
    }
}
