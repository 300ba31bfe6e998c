using Npgsql;
using NpgsqlTypes;

namespace Commerce.Postgres.Streams;

/// <summary>
/// A connection the <see cref="GroupCommitWriter"/> holds for its flushes, with the append statement
/// prepared on it. Held, not returned to the pool between flushes, for two reasons measured on the
/// project's 2-core machine: a pooled connection is reset on every return (a handful of statements
/// run on the next use), and this statement must run with a generic plan. Left to choose,
/// PostgreSQL keeps planning it for each call's array values, which costs more than the insert of
/// a hundred events; the session setting that stops that would be undone by the pool's reset.
/// A connection that failed is disposed, never reused.
/// </summary>
internal sealed class AppendConnection : IAsyncDisposable
{
    // One round trip, one implicit transaction. "locked" takes the partitions' row locks in
    // ascending order before anything else touches them ("claimed" joins it, so it cannot run first);
    // FOR UPDATE returns the latest committed next_sequence once the lock is granted. Each event's
    // sequence is its partition's first claimed sequence plus its offset among that partition's events
    // in this flush. appended_at is read after the partition's lock is held, so it grows with the
    // sequence. The last step notifies the receivers, once per partition of the flush (not per
    // event): NOTIFY is delivered at commit, so listeners hear only of committed rows, and a
    // receiver woken by it reads them. The commit that follows is synchronous, as the server is configured.
    private const string AppendSql = """
        WITH locked AS MATERIALIZED (
            SELECT partition, next_sequence FROM stream_partitions
            WHERE partition = ANY($1)
            ORDER BY partition
            FOR UPDATE
        ), claimed AS (
            UPDATE stream_partitions AS p SET next_sequence = l.next_sequence + c.event_count
            FROM locked AS l JOIN unnest($1::integer[], $2::integer[]) AS c(partition, event_count) ON c.partition = l.partition
            WHERE p.partition = l.partition
            RETURNING p.partition, l.next_sequence AS first_sequence, clock_timestamp() AS appended_at
        ), appended AS (
            INSERT INTO stream_events (partition, sequence, stream_namespace, stream_key, event_type, payload, appended_at)
            SELECT e.partition, c.first_sequence + e.offset_in_partition, e.stream_namespace, e.stream_key, e.event_type, e.payload, c.appended_at
            FROM unnest($3::integer[], $4::integer[], $5::text[], $6::text[], $7::text[], $8::json[])
                AS e(partition, offset_in_partition, stream_namespace, stream_key, event_type, payload)
            JOIN claimed AS c ON c.partition = e.partition
        )
        SELECT c.partition, c.first_sequence FROM claimed AS c, pg_notify($9, c.partition::text) AS notified
        """;

    // The generic plan (see above); read committed, which the row locks' hand-over between flushes
    // relies on (a stricter default would fail the second of two flushes of a partition); and a
    // synchronous commit even where the server's default is off, since an append is acknowledged on
    // commit and must then be durable. A stricter setting (remote_apply) is left as it is.
    private const string SessionSql = """
        SET plan_cache_mode = force_generic_plan;
        SET default_transaction_isolation = 'read committed';
        SELECT set_config('synchronous_commit', 'on', false) WHERE current_setting('synchronous_commit') = 'off'
        """;

    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlCommand _command;
    private readonly NpgsqlParameter<List<int>> _partitions = IntArray();
    private readonly NpgsqlParameter<List<int>> _partitionCounts = IntArray();
    private readonly NpgsqlParameter<List<int>> _eventPartitions = IntArray();
    private readonly NpgsqlParameter<List<int>> _offsets = IntArray();
    private readonly NpgsqlParameter<List<string>> _namespaces = TextArray();
    private readonly NpgsqlParameter<List<string>> _keys = TextArray();
    private readonly NpgsqlParameter<List<string>> _eventTypes = TextArray();
    private readonly NpgsqlParameter<List<ReadOnlyMemory<byte>>> _payloads = new() { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Json };
    private readonly NpgsqlParameter<string> _channel = new() { NpgsqlDbType = NpgsqlDbType.Text };

    private AppendConnection(NpgsqlConnection connection, string channel)
    {
        _connection = connection;
        _channel.TypedValue = channel;
        _command = new NpgsqlCommand(AppendSql, connection);
        _command.Parameters.AddRange(new NpgsqlParameter[] { _partitions, _partitionCounts, _eventPartitions, _offsets, _namespaces, _keys, _eventTypes, _payloads, _channel });
    }

    /// <param name="dataSource">Where to open the connection.</param>
    /// <param name="channel">The log's notification channel (<see cref="PostgresStreamLog.GetNotificationChannelAsync"/>).</param>
    public static async Task<AppendConnection> OpenAsync(NpgsqlDataSource dataSource, string channel)
    {
        var connection = await dataSource.OpenConnectionAsync().ConfigureAwait(false);
        try
        {
            await using (var session = new NpgsqlCommand(SessionSql, connection))
            {
                await session.ExecuteNonQueryAsync().ConfigureAwait(false);
            }
            var append = new AppendConnection(connection, channel);
            await append._command.PrepareAsync().ConfigureAwait(false);
            return append;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Writes the batch (its arrays filled) in one transaction and records the first sequence claimed per partition in it.</summary>
    public async Task AppendAsync(FlushBatch batch)
    {
        _partitions.TypedValue = batch.Partitions;
        _partitionCounts.TypedValue = batch.PartitionCounts;
        _eventPartitions.TypedValue = batch.EventPartitions;
        _offsets.TypedValue = batch.Offsets;
        _namespaces.TypedValue = batch.Namespaces;
        _keys.TypedValue = batch.Keys;
        _eventTypes.TypedValue = batch.EventTypes;
        _payloads.TypedValue = batch.Payloads;

        await using var reader = await _command.ExecuteReaderAsync().ConfigureAwait(false);
        while (await reader.ReadAsync().ConfigureAwait(false)) batch.FirstSequences[reader.GetInt32(0)] = reader.GetInt64(1);
    }

    public async ValueTask DisposeAsync()
    {
        await _command.DisposeAsync().ConfigureAwait(false);
        await _connection.DisposeAsync().ConfigureAwait(false);
    }

    private static NpgsqlParameter<List<int>> IntArray() => new() { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer };

    private static NpgsqlParameter<List<string>> TextArray() => new() { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };
}
