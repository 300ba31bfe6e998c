using Npgsql;
using Orleans.Runtime;

namespace Commerce.Postgres.Streams;

/// <summary>
/// The durable, partitioned event log under the Orleans stream provider
/// (<see cref="PostgresQueueAdapterFactory"/>; tables of <c>Migrations/Sql/004_streams.sql</c>).
/// Producers append events to streams; each stream lives in one of
/// <see cref="PostgresStreamLogOptions.PartitionCount"/> partitions (<see cref="StreamPartitioner"/>),
/// where every event gets the next sequence number. Readers (the provider's receivers, one per
/// partition) read a partition from any position, consumer groups record checkpoints, give up on events as dead
/// letters, and retention deletes what every group has processed. One instance per process.
/// </summary>
/// <remarks>
/// <para><b>Durability.</b> An append completes only after the transaction holding it committed with
/// <c>synchronous_commit</c> on (the log's own connections turn it on where the server's default is
/// off): an acknowledged event survives a crash of this process or of the database server. A failed
/// append throws <see cref="StreamLogException"/>; the log never acknowledges what it did not see
/// committed.</para>
/// <para><b>Group commit.</b> Concurrent appends are gathered per partition; a flush takes the queued
/// events of every partition no other flush holds, up to <see cref="PostgresStreamLogOptions.MaxBatchSize"/>,
/// and writes them in one transaction: one statement that claims each partition's sequences and
/// inserts arrays through <c>unnest</c>. Up to <see cref="PostgresStreamLogOptions.MaxConcurrentFlushes"/>
/// flushes run at once, each on a connection the log keeps. A flush that fails fails exactly the
/// appends in it.</para>
/// <para><b>Order.</b> Sequences in a partition are dense (1, 2, 3, ...) and become visible in
/// sequence order, from any number of processes appending at once: a reader that has read up to N
/// never misses an event committed later, since that event's sequence is above N. Appends of one
/// process to one stream are sequenced in the order <see cref="AppendAsync(StreamId, string, ReadOnlyMemory{byte})"/> was called.</para>
/// </remarks>
public sealed class PostgresStreamLog : IAsyncDisposable
{
    private const string EnsurePartitionsSql = """
        WITH created AS (
            INSERT INTO stream_partitions (partition, next_sequence)
            SELECT p, 1 FROM generate_series(0, $1 - 1) AS p
            ON CONFLICT (partition) DO NOTHING
        )
        SELECT count(*) FROM stream_partitions WHERE partition >= $1
        """;

    // The schema the log's tables resolve to on this data source's connections (its search_path):
    // two logs in one database live in two schemas, and their notification channels must differ.
    private const string SchemaSql = """
        SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = 'stream_events'::regclass
        """;

    /// <summary>Prefix of the notification channels; see <see cref="GetNotificationChannelAsync"/>.</summary>
    private const string ChannelPrefix = "stream_events.";

    /// <summary>PostgreSQL's longest identifier (NAMEDATALEN - 1), which a channel name must fit in.</summary>
    private const int MaxChannelBytes = 63;

    private const string ReadSql = """
        SELECT sequence, stream_namespace, stream_key, event_type, payload, appended_at
        FROM stream_events
        WHERE partition = $1 AND sequence > $2
        ORDER BY sequence
        LIMIT $3
        """;

    private const string HeadSql = "SELECT next_sequence - 1 FROM stream_partitions WHERE partition = $1";

    private const string HeadsSql = "SELECT partition, next_sequence - 1 FROM stream_partitions WHERE partition < $1";

    // Forward only, and never past the partition's head: a checkpoint ahead of the log would let
    // retention delete events no one has read yet.
    private const string SaveCheckpointSql = """
        INSERT INTO stream_checkpoints (consumer_group, partition, sequence, updated_at)
        SELECT $1, $2, $3, now()
        WHERE $3 <= COALESCE((SELECT next_sequence - 1 FROM stream_partitions WHERE partition = $2), 0)
        ON CONFLICT (consumer_group, partition) DO UPDATE
            SET sequence = excluded.sequence, updated_at = excluded.updated_at
            WHERE stream_checkpoints.sequence < excluded.sequence
        """;

    private const string GetCheckpointSql = "SELECT sequence FROM stream_checkpoints WHERE consumer_group = $1 AND partition = $2";

    private const string RegisterGroupSql = """
        INSERT INTO stream_checkpoints (consumer_group, partition, sequence, updated_at)
        SELECT $1, p, 0, now() FROM generate_series(0, $2 - 1) AS p
        ON CONFLICT (consumer_group, partition) DO NOTHING
        """;

    private const string UnregisterGroupSql = "DELETE FROM stream_checkpoints WHERE consumer_group = $1";

    private const string AddDeadLetterSql = """
        INSERT INTO stream_dead_letters
            (consumer_group, partition, sequence, stream_namespace, stream_key, event_type, payload, appended_at, error, attempts, failed_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, now())
        ON CONFLICT (consumer_group, partition, sequence) DO UPDATE
            SET error = excluded.error, attempts = stream_dead_letters.attempts + excluded.attempts, failed_at = excluded.failed_at
        """;

    private const string ReadDeadLettersSql = """
        SELECT partition, sequence, stream_namespace, stream_key, event_type, payload, appended_at, error, attempts, failed_at
        FROM stream_dead_letters
        WHERE consumer_group = $1 AND (partition, sequence) > ($2, $3)
        ORDER BY partition, sequence
        LIMIT $4
        """;

    private const string RemoveDeadLetterSql = "DELETE FROM stream_dead_letters WHERE consumer_group = $1 AND partition = $2 AND sequence = $3";

    // The bound is the lowest checkpoint of the partition plus one (everything at or below every
    // group's checkpoint is processed); no checkpoint at all means no known consumer, and nothing goes.
    // The bound is computed once (an InitPlan), then the delete is one primary-key range.
    private const string DeleteBeforeSql = """
        DELETE FROM stream_events
        WHERE partition = $1
          AND sequence < LEAST($2, COALESCE((SELECT min(sequence) + 1 FROM stream_checkpoints WHERE partition = $1), 0))
        """;

    // appended_at grows with the sequence (it is read under the partition's row lock), so the first
    // event young enough to keep bounds the range to delete; finding it walks the primary key from the
    // partition's oldest event, over exactly the rows about to be deleted.
    private const string ApplyRetentionSql = """
        DELETE FROM stream_events
        WHERE partition = $1
          AND sequence < LEAST(
                COALESCE(
                    (SELECT e.sequence FROM stream_events e WHERE e.partition = $1 AND e.appended_at >= now() - $2 ORDER BY e.sequence LIMIT 1),
                    (SELECT p.next_sequence FROM stream_partitions p WHERE p.partition = $1),
                    0),
                COALESCE((SELECT min(c.sequence) + 1 FROM stream_checkpoints c WHERE c.partition = $1), 0))
        """;

    private readonly PostgresStreamLogOptions _options;
    private readonly GroupCommitWriter _writer;
    private readonly SemaphoreSlim _ensureGate = new(1, 1);
    private volatile bool _partitionsEnsured;
    private volatile string? _channel;
    private int _disposed;

    /// <param name="dataSource">The database holding the stream tables (run <see cref="Migrations.SchemaMigrator"/> first); not owned.</param>
    /// <param name="options">Settings; defaults when null.</param>
    public PostgresStreamLog(NpgsqlDataSource dataSource, PostgresStreamLogOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        _options = options ?? new PostgresStreamLogOptions();
        _options.Validate();
        DataSource = dataSource;
        _writer = new GroupCommitWriter(this, _options);
    }

    /// <summary>The number of partitions; partitions are numbered from 0.</summary>
    public int PartitionCount => _options.PartitionCount;

    internal NpgsqlDataSource DataSource { get; }

    /// <summary>The partition holding <paramref name="stream"/>'s events.</summary>
    public int GetPartition(StreamId stream) => StreamPartitioner.GetPartition(stream, _options.PartitionCount);

    /// <summary>
    /// Appends one event to <paramref name="stream"/> and returns its sequence number in the stream's
    /// partition (<see cref="GetPartition"/>) once it is durably committed, together with the other
    /// appends of its flush.
    /// </summary>
    /// <param name="stream">The stream to append to.</param>
    /// <param name="eventType">What happened, e.g. <c>item-viewed</c>; non-empty, no control characters.</param>
    /// <param name="utf8JsonPayload">The event as UTF-8 JSON. Read when the flush runs: do not change it until the append completes.</param>
    /// <exception cref="ArgumentException">The event type or payload is invalid (checked before the event is queued, so it fails alone).</exception>
    /// <exception cref="StreamLogException">The flush failed; the event was not acknowledged.</exception>
    /// <exception cref="ObjectDisposedException">The log is disposed.</exception>
    /// <remarks>An append cannot be withdrawn once queued, so it takes no cancellation token; command timeouts bound it.</remarks>
    public ValueTask<long> AppendAsync(StreamId stream, string eventType, ReadOnlyMemory<byte> utf8JsonPayload)
    {
        var (partition, @namespace, key) = PartitionOf(stream);
        StreamPayloadValidator.ThrowIfInvalidEventType(eventType, nameof(eventType));
        StreamPayloadValidator.ThrowIfInvalidPayload(utf8JsonPayload.Span, nameof(utf8JsonPayload));
        var append = PendingAppend.ForEvent(stream, @namespace, key, eventType, utf8JsonPayload);
        var task = append.Task;
        _writer.Enqueue(partition, append);
        return task;
    }

    /// <summary>
    /// Appends several events to one stream atomically: all are committed in one transaction or none
    /// is, with consecutive sequence numbers. Returns the sequence of the first; event <c>i</c> has the
    /// returned value plus <c>i</c>.
    /// </summary>
    /// <param name="stream">The stream to append to.</param>
    /// <param name="events">The events, in order; not empty. Read when the flush runs: do not change the list or payloads until the append completes.</param>
    /// <exception cref="ArgumentException">The list is empty or an event is invalid; nothing was queued.</exception>
    /// <exception cref="StreamLogException">The flush failed; none of the events was acknowledged.</exception>
    public ValueTask<long> AppendAsync(StreamId stream, IReadOnlyList<StreamEventData> events)
    {
        var (partition, @namespace, key) = PartitionOf(stream);
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0) throw new ArgumentException("A batch needs at least one event.", nameof(events));
        foreach (var e in events)
        {
            StreamPayloadValidator.ThrowIfInvalidEventType(e.EventType, nameof(events));
            StreamPayloadValidator.ThrowIfInvalidPayload(e.Utf8JsonPayload.Span, nameof(events));
        }
        var append = PendingAppend.ForBatch(stream, @namespace, key, events);
        var task = append.Task;
        _writer.Enqueue(partition, append);
        return task;
    }

    /// <summary>
    /// Up to <paramref name="maxCount"/> events of <paramref name="partition"/> with sequences above
    /// <paramref name="afterSequence"/>, in sequence order: pass 0 to replay from the oldest retained
    /// event, or the last sequence read to continue. Sequences are dense, so a page that stops short of
    /// the head means events were deleted by retention (after the first page) or none are newer.
    /// </summary>
    public async Task<IReadOnlyList<StreamEvent>> ReadAsync(int partition, long afterSequence, int maxCount, CancellationToken cancellationToken = default)
    {
        ThrowIfNotPartition(partition);
        ArgumentOutOfRangeException.ThrowIfNegative(afterSequence);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        StreamLogMetrics.Reads.Add(1);
        try
        {
            await using var command = DataSource.CreateCommand(ReadSql);
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = partition });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = afterSequence });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = maxCount });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var events = new List<StreamEvent>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                events.Add(new StreamEvent(
                    partition,
                    reader.GetInt64(0),
                    StreamIdText.Join(reader.GetString(1), reader.GetString(2)),
                    reader.GetString(3),
                    reader.GetFieldValue<byte[]>(4),
                    reader.GetFieldValue<DateTimeOffset>(5)));
            }
            return events;
        }
        catch (NpgsqlException ex)
        {
            throw Failure($"Reading partition {partition} after sequence {afterSequence}", partition, ex);
        }
    }

    /// <summary>The highest committed sequence of <paramref name="partition"/>; 0 when nothing was ever appended there.</summary>
    public async Task<long> GetHeadAsync(int partition, CancellationToken cancellationToken = default)
    {
        ThrowIfNotPartition(partition);
        try
        {
            await using var command = DataSource.CreateCommand(HeadSql);
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = partition });
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long head ? head : 0;
        }
        catch (NpgsqlException ex)
        {
            throw Failure($"Reading the head of partition {partition}", partition, ex);
        }
    }

    /// <summary>The head (<see cref="GetHeadAsync"/>) of every partition, indexed by partition.</summary>
    public async Task<long[]> GetHeadsAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var heads = new long[PartitionCount];
            await using var command = DataSource.CreateCommand(HeadsSql);
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = PartitionCount });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) heads[reader.GetInt32(0)] = reader.GetInt64(1);
            return heads;
        }
        catch (NpgsqlException ex)
        {
            throw Failure("Reading the partition heads", null, ex);
        }
    }

    /// <summary>
    /// Records that <paramref name="consumerGroup"/> has processed <paramref name="partition"/> up to and
    /// including <paramref name="sequence"/>. A checkpoint only moves forward: an older one is ignored
    /// (returns false), so a slow or duplicate reader cannot rewind the group. Saving the first
    /// checkpoint of a group on a partition registers the group there (see <see cref="ApplyRetentionAsync(TimeSpan, CancellationToken)"/>).
    /// </summary>
    /// <returns>True when the stored checkpoint moved (or was created).</returns>
    /// <exception cref="ArgumentOutOfRangeException">The sequence is beyond the partition's head.</exception>
    public async Task<bool> SaveCheckpointAsync(string consumerGroup, int partition, long sequence, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(consumerGroup);
        ThrowIfNotPartition(partition);
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        try
        {
            await using var command = DataSource.CreateCommand(SaveCheckpointSql);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = consumerGroup });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = partition });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = sequence });
            if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1) return true;
        }
        catch (NpgsqlException ex)
        {
            throw Failure($"Saving checkpoint {sequence} of consumer group '{consumerGroup}' on partition {partition}", partition, ex);
        }

        var head = await GetHeadAsync(partition, cancellationToken).ConfigureAwait(false);
        if (sequence > head)
        {
            throw new ArgumentOutOfRangeException(nameof(sequence), sequence, $"Partition {partition} has no event beyond sequence {head}; a checkpoint cannot be ahead of the log.");
        }
        return false;
    }

    /// <summary>The last checkpoint of <paramref name="consumerGroup"/> on <paramref name="partition"/>, or null when it has none (start from 0).</summary>
    public async Task<long?> GetCheckpointAsync(string consumerGroup, int partition, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(consumerGroup);
        ThrowIfNotPartition(partition);
        try
        {
            await using var command = DataSource.CreateCommand(GetCheckpointSql);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = consumerGroup });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = partition });
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as long?;
        }
        catch (NpgsqlException ex)
        {
            throw Failure($"Reading the checkpoint of consumer group '{consumerGroup}' on partition {partition}", partition, ex);
        }
    }

    /// <summary>
    /// Registers <paramref name="consumerGroup"/> on every partition with checkpoint 0 where it has
    /// none yet, so retention keeps every event for it until it checkpoints. Call it before the group's
    /// receivers start; idempotent.
    /// </summary>
    public async Task RegisterConsumerGroupAsync(string consumerGroup, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(consumerGroup);
        try
        {
            await using var command = DataSource.CreateCommand(RegisterGroupSql);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = consumerGroup });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = PartitionCount });
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException ex)
        {
            throw Failure($"Registering consumer group '{consumerGroup}'", null, ex);
        }
    }

    /// <summary>Forgets <paramref name="consumerGroup"/>'s checkpoints, so retention no longer waits for it. Its dead letters stay.</summary>
    public async Task UnregisterConsumerGroupAsync(string consumerGroup, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(consumerGroup);
        try
        {
            await using var command = DataSource.CreateCommand(UnregisterGroupSql);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = consumerGroup });
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException ex)
        {
            throw Failure($"Unregistering consumer group '{consumerGroup}'", null, ex);
        }
    }

    /// <summary>
    /// Records that <paramref name="consumerGroup"/> gave up on <paramref name="streamEvent"/> after
    /// <paramref name="attempts"/> failed attempts, with a copy of the event. Recording the same event
    /// again (a redelivery after a fail-over that failed too) keeps the latest error and adds the attempts.
    /// </summary>
    public async Task AddDeadLetterAsync(string consumerGroup, StreamEvent streamEvent, string error, int attempts, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(consumerGroup);
        ArgumentNullException.ThrowIfNull(streamEvent);
        ArgumentNullException.ThrowIfNull(error);
        ArgumentOutOfRangeException.ThrowIfNegative(attempts);
        ThrowIfNotPartition(streamEvent.Partition);
        var (@namespace, key) = StreamIdText.Split(streamEvent.Stream, nameof(streamEvent));
        try
        {
            await using var command = DataSource.CreateCommand(AddDeadLetterSql);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = consumerGroup });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = streamEvent.Partition });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = streamEvent.Sequence });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = @namespace });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = streamEvent.EventType });
            command.Parameters.Add(new NpgsqlParameter<ReadOnlyMemory<byte>> { TypedValue = streamEvent.Payload, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Json });
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = streamEvent.AppendedAt });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = error });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = attempts });
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException ex)
        {
            throw Failure($"Recording dead letter {streamEvent.Position} of consumer group '{consumerGroup}'", streamEvent.Partition, ex, streamEvent.Stream);
        }
    }

    /// <summary>
    /// Up to <paramref name="maxCount"/> dead letters of <paramref name="consumerGroup"/> positioned after
    /// <paramref name="after"/>, in (partition, sequence) order: page by passing the last one's position.
    /// </summary>
    public async Task<IReadOnlyList<StreamDeadLetter>> ReadDeadLettersAsync(
        string consumerGroup, StreamPosition after = default, int maxCount = 100, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(consumerGroup);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        try
        {
            await using var command = DataSource.CreateCommand(ReadDeadLettersSql);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = consumerGroup });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = after.Partition });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = after.Sequence });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = maxCount });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var letters = new List<StreamDeadLetter>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var streamEvent = new StreamEvent(
                    reader.GetInt32(0),
                    reader.GetInt64(1),
                    StreamIdText.Join(reader.GetString(2), reader.GetString(3)),
                    reader.GetString(4),
                    reader.GetFieldValue<byte[]>(5),
                    reader.GetFieldValue<DateTimeOffset>(6));
                letters.Add(new StreamDeadLetter(consumerGroup, streamEvent, reader.GetString(7), reader.GetInt32(8), reader.GetFieldValue<DateTimeOffset>(9)));
            }
            return letters;
        }
        catch (NpgsqlException ex)
        {
            throw Failure($"Reading dead letters of consumer group '{consumerGroup}'", null, ex);
        }
    }

    /// <summary>Deletes one dead letter (handled or replayed); false when there was none.</summary>
    public async Task<bool> RemoveDeadLetterAsync(string consumerGroup, StreamPosition position, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(consumerGroup);
        try
        {
            await using var command = DataSource.CreateCommand(RemoveDeadLetterSql);
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = consumerGroup });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = position.Partition });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = position.Sequence });
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }
        catch (NpgsqlException ex)
        {
            throw Failure($"Removing dead letter {position} of consumer group '{consumerGroup}'", position.Partition, ex);
        }
    }

    /// <summary>
    /// Deletes the events of <paramref name="partition"/> with sequences below
    /// <paramref name="beforeSequence"/>, but never one a registered consumer group has not processed:
    /// the bound is lowered to the partition's lowest checkpoint plus one, and a partition where no
    /// group has a checkpoint keeps everything. Returns how many events were deleted.
    /// </summary>
    public async Task<long> DeleteBeforeAsync(int partition, long beforeSequence, CancellationToken cancellationToken = default)
    {
        ThrowIfNotPartition(partition);
        try
        {
            await using var command = DataSource.CreateCommand(DeleteBeforeSql);
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = partition });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = beforeSequence });
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException ex)
        {
            throw Failure($"Deleting events of partition {partition} before sequence {beforeSequence}", partition, ex);
        }
    }

    /// <summary>
    /// Deletes, in every partition, the events appended more than <paramref name="olderThan"/> ago (by
    /// the database server's clock), under the same rule as <see cref="DeleteBeforeAsync"/>: never an
    /// event at or beyond the lowest checkpoint of the registered consumer groups plus one, and nothing
    /// in a partition no group has a checkpoint on. One primary-key range delete per partition. Returns
    /// how many events were deleted.
    /// </summary>
    public async Task<long> ApplyRetentionAsync(TimeSpan olderThan, CancellationToken cancellationToken = default)
    {
        long deleted = 0;
        for (var partition = 0; partition < PartitionCount; partition++)
        {
            deleted += await ApplyRetentionAsync(partition, olderThan, cancellationToken).ConfigureAwait(false);
        }
        return deleted;
    }

    /// <summary>
    /// <see cref="ApplyRetentionAsync(TimeSpan, CancellationToken)"/> for one partition: what the
    /// Orleans provider's receiver of that partition runs from time to time.
    /// </summary>
    public async Task<long> ApplyRetentionAsync(int partition, TimeSpan olderThan, CancellationToken cancellationToken = default)
    {
        ThrowIfNotPartition(partition);
        ArgumentOutOfRangeException.ThrowIfLessThan(olderThan, TimeSpan.Zero);
        try
        {
            await using var command = DataSource.CreateCommand(ApplyRetentionSql);
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = partition });
            command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = olderThan });
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException ex)
        {
            throw Failure($"Applying retention of {olderThan} to partition {partition}", partition, ex);
        }
    }

    /// <summary>
    /// The PostgreSQL notification channel of this log: every append transaction runs
    /// <c>pg_notify(channel, partition)</c> once per partition it wrote to, so a listener hears of
    /// committed events only. Named after the schema of the log's tables (<c>stream_events.public</c>),
    /// so logs in different schemas of one database do not wake each other; a schema name too long
    /// for a channel is replaced by its hash. Resolved once per instance.
    /// </summary>
    internal async ValueTask<string> GetNotificationChannelAsync(CancellationToken cancellationToken = default)
    {
        if (_channel is { } known) return known;
        // Failures are not wrapped: the flush that needs the channel fails its appends with them.
        await using var command = DataSource.CreateCommand(SchemaSql);
        var schema = (string)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        var channel = ChannelPrefix + schema;
        if (System.Text.Encoding.UTF8.GetByteCount(channel) > MaxChannelBytes)
        {
            channel = ChannelPrefix + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(schema)))[..32];
        }
        return _channel = channel;
    }

    /// <summary>Stops taking appends, waits until every queued one is flushed (or failed), and returns.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        await _writer.CloseAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Creates the partitions' rows on the first flush of this instance and checks that the database
    /// does not have more partitions than configured (another process with a different
    /// <see cref="PostgresStreamLogOptions.PartitionCount"/> would put streams elsewhere).
    /// </summary>
    internal async ValueTask EnsurePartitionsAsync()
    {
        if (_partitionsEnsured) return;
        await _ensureGate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_partitionsEnsured) return;
            await using var command = DataSource.CreateCommand(EnsurePartitionsSql);
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = PartitionCount });
            var extra = (long)(await command.ExecuteScalarAsync().ConfigureAwait(false))!;
            if (extra > 0)
            {
                throw new StreamLogException(
                    $"The database's stream log has more partitions than the {PartitionCount} configured; every process must use the same PartitionCount.",
                    null, null, null);
            }
            _partitionsEnsured = true;
        }
        finally
        {
            _ensureGate.Release();
        }
    }

    private (int Partition, string Namespace, string Key) PartitionOf(StreamId stream)
    {
        var (@namespace, key) = StreamIdText.Split(stream, nameof(stream));
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        return (StreamPartitioner.GetPartition(@namespace, key, _options.PartitionCount), @namespace, key);
    }

    private void ThrowIfNotPartition(int partition)
    {
        if ((uint)partition >= (uint)PartitionCount)
        {
            throw new ArgumentOutOfRangeException(nameof(partition), partition, $"Partitions are numbered 0 to {PartitionCount - 1}.");
        }
    }

    private static StreamLogException Failure(string operation, int? partition, NpgsqlException ex, StreamId? stream = null) =>
        new($"{operation} failed: {ex.Message}", partition, stream, ex);
}
