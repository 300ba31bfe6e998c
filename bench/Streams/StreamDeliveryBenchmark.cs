using System.Diagnostics;
using Commerce.Runtime;
using Commerce.Runtime.Postgres;
using Commerce.Runtime.Postgres.Streams;
using Commerce.Runtime.Testing;
using Commerce.Testing.Infrastructure;
using Npgsql;

namespace Commerce.Bench.Streams;

/// <summary>
/// Streams end to end in one silo: (1) the durable provider on a throwaway PostgreSQL: producers
/// append behaviour events at a fixed offered rate (open loop, one event per user stream at a time
/// spread over 20,000 users), pulling agents deliver them to an implicit consumer grain, which records
/// the latency from the producer's call to the grain's turn; (2) the in-memory provider: producers
/// publish as fast as deliveries keep up (a bounded window in flight), delivered events per second.
/// </summary>
internal static class StreamDeliveryBenchmark
{
    public const string DurableNamespace = "bench-behaviour";
    public const string MemoryNamespace = "bench-memory";

    private const int Users = 20_000;
    private const int MemoryProducers = 64;
    private const int MemoryWindow = 20_000;
    private static readonly int[] s_offeredRates = [2_000, 5_000, 10_000, 20_000];

    public static async Task RunAsync(BenchSettings settings, Report report)
    {
        var duration = TimeSpan.FromSeconds(settings.Seconds);
        await RunDurableAsync(duration, report);
        await RunMemoryAsync(settings, duration, report);
    }

    private static async Task RunDurableAsync(TimeSpan duration, Report report)
    {
        Console.WriteLine("Starting a throwaway PostgreSQL server...");
        await using var server = await PostgresServer.StartAsync();
        var connectionString = await server.CreateDatabaseAsync("stream_delivery_bench");
        await using (var dataSource = NpgsqlDataSource.Create(connectionString)) await new SchemaMigrator(dataSource).MigrateAsync();
        await using var cluster = await TestCluster.StartAsync(silo => silo.UsePostgresStreams(connectionString));
        var provider = cluster.Services.GetStreamProvider(StreamProviderNames.Durable);
        var streams = Enumerable.Range(0, Users).Select(u => provider.GetStream<BenchBehaviourEvent>(StreamId.Create(DurableNamespace, $"user-{u:D6}"))).ToArray();

        // Warm-up: activates the consumers and pub-sub grains of every stream once, and JITs the path.
        await ProduceAtRateAsync(streams, 5_000, TimeSpan.FromSeconds(Math.Max(4, Users / 5_000 + 1)));
        await WaitForDeliveriesAsync(TimeSpan.FromSeconds(30));
        DeliveryRecorder.Drain();

        report.Section("Durable streams end to end: produce → PostgreSQL log → pulling agent → implicit consumer grain (one silo)");
        report.Line($"{Users:N0} user streams, 8 partitions, open-loop offered load for {duration.TotalSeconds:0} s per step; latency from the producer's OnNextAsync call to the consumer grain's turn.");
        report.Line("");
        report.Line("| offered events/s | appended/s | delivered/s | p50 ms | p99 ms | max ms |");
        report.Line("|---|---|---|---|---|---|");
        foreach (var rate in s_offeredRates)
        {
            var before = DeliveryRecorder.Count;
            var (appended, elapsed) = await ProduceAtRateAsync(streams, rate, duration);
            await WaitForDeliveriesAsync(TimeSpan.FromSeconds(30), before + appended);
            var latencies = DeliveryRecorder.Drain();
            Array.Sort(latencies);
            var delivered = DeliveryRecorder.Count - before;
            var line = FormattableString.Invariant(
                $"| {rate:N0} | {appended / elapsed.TotalSeconds:N0} | {delivered / elapsed.TotalSeconds:N0} | {Ms(latencies, 0.50):0.0} | {Ms(latencies, 0.99):0.0} | {Ms(latencies, 1.0):0.0} |");
            Console.WriteLine(line);
            report.Line(line);
        }
    }

    private static async Task RunMemoryAsync(BenchSettings settings, TimeSpan duration, Report report)
    {
        await using var cluster = await TestCluster.StartAsync();
        var provider = cluster.Services.GetStreamProvider(StreamProviderNames.Memory);
        var streams = Enumerable.Range(0, Users).Select(u => provider.GetStream<BenchBehaviourEvent>(StreamId.Create(MemoryNamespace, $"user-{u:D6}"))).ToArray();

        report.Section("In-memory streams: produce → implicit consumer grain (one silo)");
        report.Line($"{MemoryProducers} producers over {Users:N0} user streams, at most {MemoryWindow:N0} events in flight; {settings.Rounds} rounds of {duration.TotalSeconds:0} s after a warm-up round.");
        report.Line("");
        report.Line("| round | delivered events/s | p50 ms | p99 ms |");
        report.Line("|---|---|---|---|");
        var rates = new List<double>();
        for (var round = 0; round <= settings.Rounds; round++)
        {
            DeliveryRecorder.Drain();
            var before = DeliveryRecorder.Count;
            var produced = 0L;
            var stop = 0;
            var started = Stopwatch.GetTimestamp();
            var producers = Enumerable.Range(0, MemoryProducers).Select(p => Task.Run(async () =>
            {
                var random = new Random(p);
                while (Volatile.Read(ref stop) == 0)
                {
                    if (Interlocked.Read(ref produced) - (DeliveryRecorder.Count - before) > MemoryWindow)
                    {
                        await Task.Delay(1);
                        continue;
                    }

                    var user = random.Next(Users);
                    await streams[user].OnNextAsync(new BenchBehaviourEvent($"user-{user:D6}", "sku-0001234", "shoes", 19.99m, Stopwatch.GetTimestamp()));
                    Interlocked.Increment(ref produced);
                }
            })).ToArray();
            await Task.Delay(duration);
            Volatile.Write(ref stop, 1);
            await Task.WhenAll(producers);
            var delivered = DeliveryRecorder.Count - before;
            var elapsed = Stopwatch.GetElapsedTime(started);
            await WaitForDeliveriesAsync(TimeSpan.FromSeconds(10), before + Interlocked.Read(ref produced));
            var latencies = DeliveryRecorder.Drain();
            Array.Sort(latencies);
            if (round == 0) continue;
            var rate = delivered / elapsed.TotalSeconds;
            rates.Add(rate);
            var line = FormattableString.Invariant($"| {round} | {rate:N0} | {Ms(latencies, 0.50):0.0} | {Ms(latencies, 0.99):0.0} |");
            Console.WriteLine(line);
            report.Line(line);
        }

        report.Line(FormattableString.Invariant($"| **median** | **{rates.Order().ElementAt(rates.Count / 2):N0}** | | |"));
    }

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
                pending.Add(streams[user].OnNextAsync(new BenchBehaviourEvent($"user-{user:D6}", "sku-0001234", "shoes", 19.99m, Stopwatch.GetTimestamp())));
            }

            await Task.Delay(1);
        }

        await Task.WhenAll(pending);
        return (sent, Stopwatch.GetElapsedTime(started));
    }

    private static async Task WaitForDeliveriesAsync(TimeSpan timeout, long? target = null)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        var last = -1L;
        while (Stopwatch.GetTimestamp() < deadline)
        {
            var count = DeliveryRecorder.Count;
            if (target is { } t ? count >= t : count == last) return;
            last = count;
            await Task.Delay(target is null ? 500 : 20);
        }
    }

    private static double Ms(long[] sorted, double percentile) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(percentile * sorted.Length))] * 1_000.0 / Stopwatch.Frequency;
}
