using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using Commerce.Postgres.Migrations;
using Commerce.Postgres.Streams;
using Commerce.Testing.Infrastructure;
using Npgsql;
using NpgsqlTypes;
using Orleans.Runtime;

namespace Commerce.Bench.Streams;

/// <summary>
/// Durable appends through <see cref="PostgresStreamLog"/> against the ceiling of the same rows written
/// by hand: many producers append small behaviour events (~150 bytes of JSON) to user streams spread
/// over the partitions, each awaiting its commit, and the figures are compared with raw batched binary
/// COPY of the same rows into a twin table, with the log's mean flush size as the batch size and its
/// flush budget as the number of writers (no sequence claim, no group-commit machinery: the baseline
/// does only the insert and its commit). Two more baselines COPY into twins whose payload is
/// <c>jsonb</c> and <c>bytea</c>, to show what the payload type costs. Phases are interleaved round by
/// round on a throwaway PostgreSQL server (fsync and synchronous commit on), each from empty tables.
/// Each phase also reports the CPU it cost per event, this process's and the server's together:
/// on a shared machine another tenant's load moves the rates from run to run, the CPU per event
/// much less, and two cores divided by it is what the machine could do alone.
/// </summary>
internal static class StreamLogBenchmark
{
    private const int Producers = 512;
    private const int Users = 100_000;
    private const int DistinctPayloads = 4_096;
    private const string Namespace = "behaviour";

    private static readonly string[] s_eventTypes = ["item-viewed", "item-viewed", "item-viewed", "search", "cart-added", "order-placed"];
    private static readonly string[] s_categories = ["shoes", "phones", "books", "toys", "kitchen", "garden", "beauty", "sports"];

    private const string RawCopySql =
        "COPY {0} (partition, sequence, stream_namespace, stream_key, event_type, payload, appended_at) FROM STDIN (FORMAT BINARY)";

    public static async Task RunAsync(BenchSettings settings, Report report)
    {
        Console.WriteLine("Starting a throwaway PostgreSQL server...");
        await using var server = await PostgresServer.StartAsync();
        var connectionString = await server.CreateDatabaseAsync("streams_bench");
        var options = new PostgresStreamLogOptions();
        await using var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString)
        {
            MaxPoolSize = 2 * options.MaxConcurrentFlushes,
        }.ConnectionString);
        await new SchemaMigrator(dataSource).MigrateAsync();
        await ExecuteAsync(dataSource, """
            CREATE TABLE raw_events (LIKE stream_events INCLUDING ALL);
            CREATE TABLE raw_events_jsonb (LIKE stream_events INCLUDING ALL);
            ALTER TABLE raw_events_jsonb ALTER COLUMN payload TYPE jsonb;
            CREATE TABLE raw_events_bytea (LIKE stream_events INCLUDING ALL);
            ALTER TABLE raw_events_bytea ALTER COLUMN payload TYPE bytea USING NULL;
            """);

        var workload = Workload.Create();
        Console.WriteLine($"Payloads: {workload.Payloads.Average(p => p.Length):0} bytes on average, e.g. {Encoding.UTF8.GetString(workload.Payloads[0])}");

        using var flushes = new FlushCounter();
        var cpu = CpuMeter.For(server);
        var duration = TimeSpan.FromSeconds(settings.Seconds);

        // Warm-up, one phase of each kind: JIT tiers, connections and prepared statements, the server's
        // caches, and the WAL segments a fresh server creates (zero-filled and synced) on first use.
        await RunLogAsync(dataSource, options, workload, duration, flushes, cpu);
        var warmBatch = Math.Max(1, (int)flushes.MeanBatch);
        await RunCopyAsync(dataSource, "raw_events", NpgsqlDbType.Json, workload, options.MaxConcurrentFlushes, warmBatch, duration, cpu);
        await RunCopyAsync(dataSource, "raw_events_jsonb", NpgsqlDbType.Jsonb, workload, options.MaxConcurrentFlushes, warmBatch, duration, cpu);
        await RunCopyAsync(dataSource, "raw_events_bytea", NpgsqlDbType.Bytea, workload, options.MaxConcurrentFlushes, warmBatch, duration, cpu);

        var rounds = new List<Round>();
        for (var round = 1; round <= settings.Rounds; round++)
        {
            var log = await RunLogAsync(dataSource, options, workload, duration, flushes, cpu);
            var batch = Math.Max(1, (int)Math.Round(flushes.MeanBatch));
            var copy = await RunCopyAsync(dataSource, "raw_events", NpgsqlDbType.Json, workload, options.MaxConcurrentFlushes, batch, duration, cpu);
            var copyJsonb = await RunCopyAsync(dataSource, "raw_events_jsonb", NpgsqlDbType.Jsonb, workload, options.MaxConcurrentFlushes, batch, duration, cpu);
            var copyBytea = await RunCopyAsync(dataSource, "raw_events_bytea", NpgsqlDbType.Bytea, workload, options.MaxConcurrentFlushes, batch, duration, cpu);
            var r = new Round(log.Rate, flushes.MeanBatch, log.P50, log.P99, copy, copyJsonb, copyBytea);
            rounds.Add(r);
            Console.WriteLine(FormattableString.Invariant(
                $"round {round}: log {r.Log}, mean flush {r.Batch:0.0}, p50 {r.P50:0.00} ms, p99 {r.P99:0.00} ms; raw COPY json {r.Copy}, jsonb {r.CopyJsonb}, bytea {r.CopyBytea}"));
        }

        report.Section($"Durable stream log, {Producers} producers, {options.PartitionCount} partitions, {options.MaxConcurrentFlushes} flush connections");
        report.Line($"{settings.Rounds} rounds of {settings.Seconds} s per variant, interleaved; PostgreSQL {await ServerVersionAsync(dataSource)} with fsync and synchronous_commit on;");
        report.Line($"payload {workload.Payloads.Average(p => p.Length):0} bytes of JSON; options: MaxBatchSize {options.MaxBatchSize}, MaxBatchDelay {options.MaxBatchDelay.TotalMilliseconds} ms.");
        report.Line("");
        report.Line("| round | log appends/s | mean flush | p50 ms | p99 ms | raw COPY rows/s (json, same table) | log / COPY | raw COPY jsonb | raw COPY bytea |");
        report.Line("|---|---|---|---|---|---|---|---|---|");
        foreach (var (r, i) in rounds.Select((r, i) => (r, i + 1)))
        {
            report.Line(FormattableString.Invariant(
                $"| {i} | {r.Log.PerSecond:N0} | {r.Batch:0.0} | {r.P50:0.00} | {r.P99:0.00} | {r.Copy.PerSecond:N0} | {r.Log.PerSecond / r.Copy.PerSecond:0.00}x | {r.CopyJsonb.PerSecond:N0} | {r.CopyBytea.PerSecond:N0} |"));
        }
        double Med(Func<Round, double> f) => Stats.Median(rounds.Select(f));
        report.Line(FormattableString.Invariant(
            $"| **median** | **{Med(r => r.Log.PerSecond):N0}** | {Med(r => r.Batch):0.0} | {Med(r => r.P50):0.00} | **{Med(r => r.P99):0.00}** | {Med(r => r.Copy.PerSecond):N0} | **{Med(r => r.Log.PerSecond / r.Copy.PerSecond):0.00}x** | {Med(r => r.CopyJsonb.PerSecond):N0} | {Med(r => r.CopyBytea.PerSecond):N0} |"));
        report.Line("");
        report.Line("CPU per event in µs, this process + the server (median of the rounds), and what two cores could do at that cost alone:");
        report.Line("");
        report.Line("| variant | client µs | server µs | total µs | 2 cores / total |");
        report.Line("|---|---|---|---|---|");
        foreach (var (name, pick) in new (string, Func<Round, Rate>)[]
                 {
                     ("stream log (json)", r => r.Log), ("raw COPY json", r => r.Copy), ("raw COPY jsonb", r => r.CopyJsonb), ("raw COPY bytea", r => r.CopyBytea),
                 })
        {
            var client = Med(r => pick(r).ClientMicros);
            var serverMicros = Med(r => pick(r).ServerMicros);
            report.Line(FormattableString.Invariant(
                $"| {name} | {client:0.0} | {serverMicros:0.0} | {client + serverMicros:0.0} | {2e6 / (client + serverMicros):N0}/s |"));
        }
    }

    private sealed record Round(Rate Log, double Batch, double P50, double P99, Rate Copy, Rate CopyJsonb, Rate CopyBytea);

    /// <summary>Events committed per second in a phase, and the CPU each cost this process and the server.</summary>
    private sealed record Rate(double PerSecond, double ClientMicros, double ServerMicros)
    {
        public override string ToString() => FormattableString.Invariant($"{PerSecond:N0}/s ({ClientMicros:0.0} + {ServerMicros:0.0} µs CPU)");
    }

    /// <summary>Producers append as fast as their commits return; returns acknowledged appends per second and latency percentiles.</summary>
    private static async Task<(Rate Rate, double P50, double P99)> RunLogAsync(
        NpgsqlDataSource dataSource, PostgresStreamLogOptions options, Workload workload, TimeSpan duration, FlushCounter flushes, CpuMeter cpu)
    {
        await ExecuteAsync(dataSource, "TRUNCATE stream_events, stream_partitions");
        await using var log = new PostgresStreamLog(dataSource, options);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stop = 0;
        var latencies = new List<long>[Producers];
        var producers = Enumerable.Range(0, Producers).Select(producer => Task.Run(async () =>
        {
            var random = new Random(producer);
            var mine = latencies[producer] = new List<long>(4_096);
            await start.Task;
            while (Volatile.Read(ref stop) == 0)
            {
                var user = random.Next(Users);
                var began = Stopwatch.GetTimestamp();
                await log.AppendAsync(workload.Streams[user], s_eventTypes[user % s_eventTypes.Length], workload.Payloads[random.Next(DistinctPayloads)]);
                mine.Add(Stopwatch.GetTimestamp() - began);
            }
        })).ToArray();

        flushes.Reset();
        var cpuBefore = cpu.Read();
        var started = Stopwatch.GetTimestamp();
        start.SetResult();
        await Task.Delay(duration);
        Volatile.Write(ref stop, 1);
        await Task.WhenAll(producers);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var cpuUsed = cpu.Read() - cpuBefore;

        var all = latencies.SelectMany(l => l).Order().ToArray();
        double Percentile(double p) => all.Length == 0 ? 0 : all[Math.Min(all.Length - 1, (int)(p * all.Length))] * 1_000.0 / Stopwatch.Frequency;
        return (cpuUsed.PerEvent(all.Length, elapsed), Percentile(0.50), Percentile(0.99));
    }

    /// <summary>
    /// The ceiling: <paramref name="writers"/> connections each COPY batches of <paramref name="batchSize"/>
    /// rows, one transaction each, as fast as they commit; returns rows committed per second.
    /// </summary>
    private static async Task<Rate> RunCopyAsync(
        NpgsqlDataSource dataSource, string table, NpgsqlDbType payloadType, Workload workload, int writers, int batchSize, TimeSpan duration, CpuMeter cpu)
    {
        await ExecuteAsync(dataSource, $"TRUNCATE {table}");
        var copySql = string.Format(CultureInfo.InvariantCulture, RawCopySql, table);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stop = 0;
        var tasks = Enumerable.Range(0, writers).Select(writer => Task.Run(async () =>
        {
            var random = new Random(writer);
            long sequence = 0;
            await start.Task;
            while (Volatile.Read(ref stop) == 0)
            {
                await using var connection = await dataSource.OpenConnectionAsync();
                await using var importer = await connection.BeginBinaryImportAsync(copySql);
                var now = DateTime.UtcNow;
                for (var i = 0; i < batchSize; i++)
                {
                    var user = random.Next(Users);
                    await importer.StartRowAsync();
                    await importer.WriteAsync(writer, NpgsqlDbType.Integer);
                    await importer.WriteAsync(++sequence, NpgsqlDbType.Bigint);
                    await importer.WriteAsync(Namespace, NpgsqlDbType.Text);
                    await importer.WriteAsync(workload.Keys[user], NpgsqlDbType.Text);
                    await importer.WriteAsync(s_eventTypes[user % s_eventTypes.Length], NpgsqlDbType.Text);
                    await importer.WriteAsync(workload.Payloads[random.Next(DistinctPayloads)], payloadType);
                    await importer.WriteAsync(now, NpgsqlDbType.TimestampTz);
                }
                await importer.CompleteAsync();
            }
        })).ToArray();

        var cpuBefore = cpu.Read();
        var started = Stopwatch.GetTimestamp();
        start.SetResult();
        await Task.Delay(duration);
        Volatile.Write(ref stop, 1);
        await Task.WhenAll(tasks);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var cpuUsed = cpu.Read() - cpuBefore;

        await using var count = dataSource.CreateCommand($"SELECT count(*) FROM {table}");
        return cpuUsed.PerEvent((long)(await count.ExecuteScalarAsync())!, elapsed);
    }

    private static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<string> ServerVersionAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand("SHOW server_version");
        return (string)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// CPU time of this process and of the PostgreSQL server (its postmaster and every child: backends,
    /// WAL writer, checkpointer, autovacuum), read from /proc on Linux; the server's is zero elsewhere.
    /// </summary>
    private sealed class CpuMeter(int? postmaster)
    {
        /// <summary>Linux reports process times in clock ticks of 1/100 s (USER_HZ).</summary>
        private const double TicksPerSecond = 100;

        public static CpuMeter For(PostgresServer server)
        {
            var pidFile = Path.Combine(server.RootDirectory, "data", "postmaster.pid");
            return new CpuMeter(OperatingSystem.IsLinux() && File.Exists(pidFile)
                ? int.Parse(File.ReadLines(pidFile).First(), CultureInfo.InvariantCulture)
                : null);
        }

        public CpuTime Read()
        {
            using var self = Process.GetCurrentProcess();
            return new CpuTime(self.TotalProcessorTime, ServerTime());
        }

        private TimeSpan ServerTime()
        {
            if (postmaster is not int root) return TimeSpan.Zero;
            long ticks = 0;
            foreach (var dir in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
                string stat;
                try
                {
                    stat = File.ReadAllText(Path.Combine(dir, "stat"));
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    continue; // exited meanwhile, or not ours to read
                }
                // Fields after the parenthesized command: state, ppid, ..., utime (12th), stime (13th).
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (pid == root || int.Parse(fields[1], CultureInfo.InvariantCulture) == root)
                {
                    ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                }
            }
            return TimeSpan.FromSeconds(ticks / TicksPerSecond);
        }
    }

    private readonly record struct CpuTime(TimeSpan Client, TimeSpan Server)
    {
        public static CpuTime operator -(CpuTime after, CpuTime before) => new(after.Client - before.Client, after.Server - before.Server);

        public Rate PerEvent(long events, TimeSpan elapsed) => events == 0
            ? new Rate(0, 0, 0)
            : new Rate(events / elapsed.TotalSeconds, Client.TotalMicroseconds / events, Server.TotalMicroseconds / events);
    }

    /// <summary>The users' streams (and their keys as text, for COPY) and a pool of behaviour events, made once so producers spend nothing on them.</summary>
    private sealed record Workload(StreamId[] Streams, string[] Keys, byte[][] Payloads)
    {
        public static Workload Create()
        {
            var random = new Random(42);
            var keys = Enumerable.Range(0, Users).Select(u => $"user-{u:D6}").ToArray();
            var streams = keys.Select(key => StreamId.Create(Namespace, key)).ToArray();
            var epoch = new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero);
            var payloads = Enumerable.Range(0, DistinctPayloads).Select(_ => Encoding.UTF8.GetBytes(FormattableString.Invariant(
                $$"""{"user":"user-{{random.Next(Users):D6}}","session":"{{Guid.NewGuid():N}}","item":"sku-{{random.Next(1_000_000):D7}}","category":"{{s_categories[random.Next(s_categories.Length)]}}","price":{{random.Next(100, 100_000) / 100.0:0.00}},"at":"{{epoch.AddMilliseconds(random.Next()):O}}"}"""))).ToArray();
            return new Workload(streams, keys, payloads);
        }
    }

    /// <summary>Counts the log's committed flushes and events through its meter, for the mean flush size.</summary>
    private sealed class FlushCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _flushes;
        private long _events;

        public FlushCounter()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == StreamLogMetrics.MeterName && instrument.Name is "commerce.streams.flushes" or "commerce.streams.events_appended")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
            {
                if (instrument.Name == "commerce.streams.flushes") Interlocked.Add(ref _flushes, value);
                else Interlocked.Add(ref _events, value);
            });
            _listener.Start();
        }

        public double MeanBatch => Interlocked.Read(ref _flushes) == 0 ? 0 : (double)Interlocked.Read(ref _events) / Interlocked.Read(ref _flushes);

        public void Reset()
        {
            Interlocked.Exchange(ref _flushes, 0);
            Interlocked.Exchange(ref _events, 0);
        }

        public void Dispose() => _listener.Dispose();
    }
}
