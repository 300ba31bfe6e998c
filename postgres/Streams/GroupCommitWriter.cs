using System.Diagnostics;
using Npgsql;

namespace Commerce.Postgres.Streams;

/// <summary>
/// The group-commit write path of one <see cref="PostgresStreamLog"/>. Appends queue per partition;
/// flush workers, at most <see cref="PostgresStreamLogOptions.MaxConcurrentFlushes"/> at a time,
/// each take the queued appends of partitions no other flush holds, up to
/// <see cref="PostgresStreamLogOptions.MaxBatchSize"/> events, and write them in one statement and
/// one transaction. A partition is in at most one flush of a process at a time, so its events are
/// numbered in the order they were queued; its callers complete only after the commit returned.
/// </summary>
/// <remarks>
/// <para>A flush covers several partitions because the fixed cost of a transaction (a round trip,
/// statement start-up, the commit record and its fsync, and on a 2-core machine above all the context
/// switches of client and server) is worth dozens of rows. With 512 producers over 8 partitions,
/// flushes of one partition each carried about 30 events; flushes over partitions carry 60 to 110
/// (streams benchmark), and the server's CPU per event falls with the size of the flush.</para>
/// <para>Sequences: the statement locks the <c>stream_partitions</c> rows of its partitions in
/// ascending partition order (so two processes flushing overlapping partitions queue up instead of
/// deadlocking), claims a contiguous range per partition by advancing <c>next_sequence</c>, and
/// inserts the events numbered from those ranges. The row locks are held to the end of the
/// transaction, so a concurrent flush of the same partition (another process) waits, claims the
/// range after this one and commits after it; a rolled-back flush releases its ranges unused.
/// Sequences are therefore dense and become visible in sequence order: a reader that has seen
/// sequence N can never later find a smaller one appear.</para>
/// </remarks>
internal sealed class GroupCommitWriter
{
    private readonly PostgresStreamLog _log;
    private readonly int _maxBatchSize;
    private readonly int _maxFlushes;
    private readonly long _maxDelayTicks;
    private readonly object _gate = new();
    private readonly PartitionQueue[] _partitions;

    // Connections of finished flushes, ready for the next; never more than the flush budget.
    private readonly Stack<AppendConnection> _idleConnections = new();

    // All guarded by _gate.
    private int _readyEvents;
    private long _readySince;
    private int _workers;
    private int _collectors;
    private int _nextPartition;
    private bool _closed;
    private TaskCompletionSource? _drained;

    public GroupCommitWriter(PostgresStreamLog log, PostgresStreamLogOptions options)
    {
        _log = log;
        _maxBatchSize = options.MaxBatchSize;
        _maxFlushes = options.MaxConcurrentFlushes;
        _maxDelayTicks = (long)(options.MaxBatchDelay.TotalSeconds * Stopwatch.Frequency);
        _partitions = new PartitionQueue[options.PartitionCount];
        for (var i = 0; i < _partitions.Length; i++) _partitions[i] = new PartitionQueue(i);
    }

    public void Enqueue(int partition, PendingAppend append)
    {
        var startWorker = false;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_closed, _log);
            var queue = _partitions[partition];
            queue.Appends.Add(append);
            queue.Events += append.EventCount;
            if (!queue.Busy)
            {
                if (_readyEvents == 0) _readySince = Stopwatch.GetTimestamp();
                _readyEvents += append.EventCount;
                startWorker = TryAddCollector();
            }
        }
        if (startWorker) StartWorker();
    }

    /// <summary>
    /// Refuses new appends, returns when everything queued has been flushed or failed, and closes the
    /// connections it held.
    /// </summary>
    public async Task CloseAsync()
    {
        Task drained;
        lock (_gate)
        {
            _closed = true;
            _drained ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_workers == 0) _drained.TrySetResult();
            drained = _drained.Task;
        }
        await drained.ConfigureAwait(false);

        AppendConnection[] idle;
        lock (_gate)
        {
            idle = [.. _idleConnections];
            _idleConnections.Clear();
        }
        foreach (var connection in idle) await connection.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// A new worker is needed when events are ready, no worker is already collecting them (one
    /// collector gathers everything that queues while the others flush) and the budget allows.
    /// </summary>
    private bool TryAddCollector()
    {
        if (_readyEvents == 0 || _collectors > 0 || _workers >= _maxFlushes) return false;
        _workers++;
        _collectors++;
        return true;
    }

    private void StartWorker() => _ = Task.Run(RunWorkerAsync);

    private async Task RunWorkerAsync()
    {
        var batch = new FlushBatch();
        while (true)
        {
            long wait;
            lock (_gate)
            {
                if (_readyEvents == 0)
                {
                    RetireCollector();
                    return;
                }
                // Only events that found their partitions idle wait here, and only until the oldest has
                // waited MaxBatchDelay; events that queued behind a flush have waited long enough.
                wait = _readyEvents >= _maxBatchSize || _closed ? 0 : _readySince + _maxDelayTicks - Stopwatch.GetTimestamp();
            }
            if (wait > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency)).ConfigureAwait(false);
                continue;
            }

            bool startAnother;
            lock (_gate)
            {
                TakeBatch(batch);
                _collectors--;
                // What the size cap left behind is due at once, in a flush of its own.
                _readySince = 0;
                startAnother = TryAddCollector();
            }
            if (startAnother) StartWorker();

            if (batch.Appends.Count > 0) await FlushAsync(batch).ConfigureAwait(false);

            lock (_gate)
            {
                foreach (var (partition, _) in batch.ByPartition)
                {
                    var queue = _partitions[partition];
                    queue.Busy = false;
                    if (queue.Events > 0)
                    {
                        if (_readyEvents == 0) _readySince = 0;
                        _readyEvents += queue.Events;
                    }
                }
                batch.Clear();
                _collectors++;
                // One collector is enough; a second one only splits what the first would flush whole.
                if (_collectors > 1)
                {
                    RetireCollector();
                    return;
                }
            }
        }
    }

    private void RetireCollector()
    {
        _collectors--;
        _workers--;
        if (_workers == 0 && _drained is not null) _drained.TrySetResult();
    }

    /// <summary>Moves queued appends of partitions no flush holds into <paramref name="batch"/>, up to the size cap, and marks those partitions busy.</summary>
    private void TakeBatch(FlushBatch batch)
    {
        var events = 0;
        // Start where the last flush stopped, so a capped flush does not always favour low partitions.
        for (var i = 0; i < _partitions.Length && events < _maxBatchSize; i++)
        {
            var queue = _partitions[(_nextPartition + i) % _partitions.Length];
            if (queue.Busy || queue.Appends.Count == 0) continue;

            var count = 0;
            var takenEvents = 0;
            // At least one append per flush, so a batch larger than the cap still goes out (alone).
            while (count < queue.Appends.Count
                && (events + takenEvents == 0 || events + takenEvents + queue.Appends[count].EventCount <= _maxBatchSize))
            {
                takenEvents += queue.Appends[count].EventCount;
                count++;
            }
            if (count == 0) break;

            batch.Add(queue, count);
            queue.Busy = true;
            queue.Events -= takenEvents;
            _readyEvents -= queue.Events + takenEvents;
            events += takenEvents;
            _nextPartition = (queue.Partition + 1) % _partitions.Length;
        }
    }

    private async Task FlushAsync(FlushBatch batch)
    {
        try
        {
            await WriteAsync(batch).ConfigureAwait(false);
            foreach (var (partition, appends) in batch.ByPartition)
            {
                if (batch.FirstSequences.TryGetValue(partition, out var first))
                {
                    Complete(appends, first);
                }
                else
                {
                    Fail(partition, appends, new StreamLogException(
                        $"Partition {partition} has no row in stream_partitions; was the table emptied while the log ran?", partition, null, null));
                }
            }
        }
        catch (PostgresException ex) when (ex.SqlState.StartsWith("22", StringComparison.Ordinal) && batch.Appends.Count > 1)
        {
            // A data exception: one event the validator could not judge (text the database's encoding
            // cannot hold, say) refused the whole statement, and nothing was committed. Retry each
            // append on its own, in queue order, so only the culprit fails.
            var single = new FlushBatch();
            foreach (var (partition, appends) in batch.ByPartition)
            {
                foreach (var append in appends)
                {
                    single.AddOne(partition, append);
                    await FlushAsync(single).ConfigureAwait(false);
                    single.Clear();
                }
            }
        }
        catch (Exception ex)
        {
            foreach (var (partition, appends) in batch.ByPartition) Fail(partition, appends, ex);
        }
    }

    private async Task WriteAsync(FlushBatch batch)
    {
        await _log.EnsurePartitionsAsync().ConfigureAwait(false);
        var started = Stopwatch.GetTimestamp();
        batch.FillArrays();
        AppendConnection? connection;
        lock (_gate) _idleConnections.TryPop(out connection);
        connection ??= await AppendConnection.OpenAsync(_log.DataSource, await _log.GetNotificationChannelAsync().ConfigureAwait(false)).ConfigureAwait(false);

        try
        {
            await connection.AppendAsync(batch).ConfigureAwait(false);
        }
        catch
        {
            // Broken, or in a state no one should build on: the next flush opens a fresh one.
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        lock (_gate) _idleConnections.Push(connection);

        StreamLogMetrics.FlushDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        StreamLogMetrics.Flushes.Add(1);
        StreamLogMetrics.EventsAppended.Add(batch.EventPartitions.Count);
    }

    /// <summary>Hands each append its first sequence, in queue order: the order the range was numbered in.</summary>
    private static void Complete(List<PendingAppend> appends, long firstSequence)
    {
        var sequence = firstSequence;
        foreach (var append in appends)
        {
            // Read before completing: a completed append goes back to the pool and may be reused at once.
            var count = append.EventCount;
            append.Succeed(sequence);
            sequence += count;
        }
    }

    private static void Fail(int partition, List<PendingAppend> appends, Exception error)
    {
        var events = 0;
        foreach (var append in appends)
        {
            var stream = append.Stream;
            events += append.EventCount;
            // One exception per caller, each naming the caller's stream.
            append.Fail(new StreamLogException(
                $"Appending to stream {stream} (partition {partition}) failed; the event was not acknowledged: {error.Message}",
                partition, stream, error));
        }
        StreamLogMetrics.FailedEvents.Add(events);
    }
}
