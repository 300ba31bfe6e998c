using System.Text;
using System.Text.Json.Nodes;
using Commerce.Postgres.Migrations;
using Commerce.Testing.Infrastructure;
using Npgsql;

namespace Commerce.Postgres.Streams.Tests;

/// <summary>Helpers shared by the stream log tests.</summary>
internal static class StreamLogDatabase
{
    private const string SharedDatabase = "streams";

    private const string EmptySql = "TRUNCATE stream_events, stream_partitions, stream_checkpoints, stream_dead_letters";

    /// <summary>
    /// An empty stream log with the project's schema, as a silo would have it after start-up: the
    /// assembly's shared database with the stream tables emptied. Tests of one collection run one at
    /// a time, so each finds the log as if new; emptying costs a few milliseconds where creating a
    /// database costs half a second.
    /// </summary>
    public static async Task<string> CreateAsync(PostgresFixture postgres)
    {
        var connectionString = await postgres.GetOrCreateDatabaseAsync(SharedDatabase);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await new SchemaMigrator(dataSource).MigrateAsync();
        await ExecuteAsync(dataSource, EmptySql);
        return connectionString;
    }

    /// <summary>A database in LATIN1, whose text cannot hold most of Unicode, with the schema.</summary>
    public static async Task<string> CreateLatin1Async(PostgresFixture postgres)
    {
        var name = $"streams_latin1_{Guid.NewGuid():N}";
        await using (var admin = NpgsqlDataSource.Create(postgres.ConnectionString))
        {
            // Identifiers cannot be parameters; the name is ours and needs no quoting.
            await ExecuteAsync(admin, $"CREATE DATABASE {name} ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0");
        }
        var connectionString = new NpgsqlConnectionStringBuilder(postgres.ConnectionString) { Database = name }.ConnectionString;
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await new SchemaMigrator(dataSource).MigrateAsync();
        return connectionString;
    }

    /// <summary>A database of its own, for a test that damages the schema.</summary>
    public static async Task<string> CreateDedicatedAsync(PostgresFixture postgres)
    {
        var connectionString = await postgres.CreateDatabaseAsync("streams");
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await new SchemaMigrator(dataSource).MigrateAsync();
        return connectionString;
    }

    public static byte[] Json(string json) => Encoding.UTF8.GetBytes(json);

    public static bool SameJson(ReadOnlyMemory<byte> left, ReadOnlyMemory<byte> right) =>
        JsonNode.DeepEquals(JsonNode.Parse(left.Span), JsonNode.Parse(right.Span));

    /// <summary>Every retained event of a partition, paging as a pulling agent would.</summary>
    public static async Task<List<StreamEvent>> ReadAllAsync(PostgresStreamLog log, int partition, int pageSize = 100)
    {
        var all = new List<StreamEvent>();
        long position = 0;
        while (true)
        {
            var page = await log.ReadAsync(partition, position, pageSize);
            if (page.Count == 0) return all;
            all.AddRange(page);
            position = page[^1].Sequence;
        }
    }

    public static async Task<int> ExecuteAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return await command.ExecuteNonQueryAsync();
    }
}
