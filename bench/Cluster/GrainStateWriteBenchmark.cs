using System.Diagnostics;
using Commerce.Runtime;
using Commerce.Runtime.Postgres;
using Commerce.Testing.Infrastructure;
using Npgsql;

namespace Commerce.Bench.Cluster;

/// <summary>
/// Grain-state writes per second through <see cref="PostgresGrainStorage"/> with many grains
/// writing concurrently, against a bare Npgsql <c>UPDATE ... RETURNING</c> of the same rows with
/// the same concurrency, on a throwaway PostgreSQL (synchronous commit on) in the same run.
/// </summary>
internal static class GrainStateWriteBenchmark
{
    private sealed record CartLine(string Sku, int Quantity, decimal Price);

    private sealed class CartState
    {
        public List<CartLine> Lines { get; set; } = [];

        public int Version { get; set; }
    }

    private sealed class Holder : IGrainState<CartState>
    {
        public CartState State { get; set; } = new();

        public string? ETag { get; set; }

        public bool RecordExists { get; set; }
    }

    public static async Task RunAsync(BenchSettings settings, Report report)
    {
        await using var server = await PostgresServer.StartAsync(CancellationToken.None);
        var connectionString = await server.CreateDatabaseAsync("bench_state");
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await new SchemaMigrator(dataSource).MigrateAsync(CancellationToken.None);
        var storage = new PostgresGrainStorage(dataSource);
        var grainType = new GrainType("cart");
        var writers = settings.Callers;
        var grains = settings.Grains;

        // Seed every grain so both variants update existing rows.
        var states = new Holder[grains];
        for (var i = 0; i < grains; i++)
        {
            states[i] = new Holder { State = { Lines = [new CartLine($"sku-{i}", 1, 9.99m)] } };
            await storage.WriteStateAsync("cart", GrainId.Create(grainType, i), states[i]);
            // The raw variant updates rows of its own, so it never moves the ETags the storage variant holds.
            await storage.WriteStateAsync("raw", GrainId.Create(grainType, i), new Holder());
        }

        var storageRates = new List<double>();
        var rawRates = new List<double>();
        for (var round = 0; round < settings.Rounds; round++)
        {
            storageRates.Add(await MeasureAsync(writers, grains, settings.Seconds, async (grain) =>
            {
                var holder = states[grain];
                holder.State.Version++;
                await storage.WriteStateAsync("cart", GrainId.Create(grainType, grain), holder);
            }));
            rawRates.Add(await MeasureAsync(writers, grains, settings.Seconds, async (grain) =>
            {
                await using var command = dataSource.CreateCommand(
                    "UPDATE grain_state SET payload = $1, etag = etag + 1, updated_at = now() WHERE grain_type = 'cart' AND grain_key = $2 AND state_name = 'raw' RETURNING etag");
                command.Parameters.Add(new NpgsqlParameter { Value = "{\"lines\":[{\"sku\":\"sku\",\"quantity\":1,\"price\":9.99}],\"version\":1}", NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Jsonb });
                command.Parameters.Add(new NpgsqlParameter { Value = grain.ToString(System.Globalization.CultureInfo.InvariantCulture) });
                await command.ExecuteScalarAsync();
            }));
            Console.WriteLine($"  round {round + 1}: storage {storageRates[^1]:N0}/s, raw UPDATE {rawRates[^1]:N0}/s");
        }

        var storageMedian = Runtime.CallThroughputBenchmark.Median(storageRates);
        var rawMedian = Runtime.CallThroughputBenchmark.Median(rawRates);
        report.Section($"PostgreSQL grain-state writes: {grains:N0} grains, {writers} concurrent writers, {settings.Seconds} s x {settings.Rounds} rounds, synchronous commit on");
        report.Line("| variant | median writes/s | vs raw |");
        report.Line("|---|---|---|");
        report.Line($"| bare Npgsql UPDATE ... RETURNING | {rawMedian:N0} | 1.00x |");
        report.Line($"| PostgresGrainStorage.WriteStateAsync (ETag-checked) | {storageMedian:N0} | {storageMedian / rawMedian:0.00}x |");
    }

    private static async Task<double> MeasureAsync(int writers, int grains, int seconds, Func<int, Task> write)
    {
        var stop = false;
        long total = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(writer => Task.Run(async () =>
        {
            long done = 0;
            // Each writer owns its own grains, as each grain has one activation.
            for (var grain = writer; !Volatile.Read(ref stop); grain += writers)
            {
                if (grain >= grains) grain = writer;
                await write(grain);
                done++;
                if (clock.Elapsed.TotalSeconds >= seconds) Volatile.Write(ref stop, true);
            }

            Interlocked.Add(ref total, done);
        })));
        return total / clock.Elapsed.TotalSeconds;
    }
}
