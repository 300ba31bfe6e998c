using Microsoft.Extensions.Logging;
using Orleans.Providers.Streams.Common;
using Orleans.Streams;

namespace Commerce.Postgres.Streams;

/// <summary>
/// Reads one log partition for its Orleans pulling agent. It starts after the consumer group's
/// checkpoint, hands Orleans each event as a <see cref="PostgresBatchContainer"/> in sequence order,
/// and moves the checkpoint to what Orleans reports delivered (purged from its cache: every
/// subscriber's cursor moved past them, or they failed and went to the failure handler), saving it
/// at most once per <see cref="PostgresStreamProviderOptions.CheckpointInterval"/> and on shutdown.
/// A silo that stops or dies therefore leaves the checkpoint at or before what it delivered, and the
/// next owner of the partition delivers the rest again: at least once, duplicates possible.
/// </summary>
/// <remarks>
/// Orleans treats a receiver whose <see cref="Initialize(TimeSpan)"/> failed as initialized and
/// polls it anyway, so the first read loads the checkpoint if initialization did not. Reads are
/// gated by <see cref="PartitionWakeup"/>: a poll reads only when an append to the partition was
/// announced, the last read found events, or <see cref="PostgresStreamProviderOptions.IdleReadInterval"/>
/// passed; other polls answer empty from memory.
/// </remarks>
internal sealed partial class PostgresQueueAdapterReceiver(
    int partition,
    PostgresStreamLog log,
    StreamEventSerializer serializer,
    PartitionWakeup wakeup,
    string consumerGroup,
    PostgresStreamProviderOptions options,
    TimeProvider time,
    ILogger logger) : IQueueAdapterReceiver
{
    private static readonly IList<IBatchContainer> s_none = Array.AsReadOnly(Array.Empty<IBatchContainer>());

    /// <summary>The last sequence handed to Orleans; null until the checkpoint is loaded.</summary>
    private long? _position;

    /// <summary>The last checkpoint saved (or loaded).</summary>
    private long _checkpoint;

    /// <summary>The highest sequence Orleans reported delivered; saved as the checkpoint when due.</summary>
    private long _delivered;

    private long _nextCheckpointAt;

    private bool _lastReadFoundEvents;
    private long _lastReadAt;
    private long? _nextRetentionAt;

    public Task Initialize(TimeSpan timeout) => Initialize(timeout, CancellationToken.None);

    public async Task Initialize(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        await LoadCheckpointAsync(timeoutSource.Token).ConfigureAwait(false);
    }

    public Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount) => GetQueueMessagesAsync(maxCount, CancellationToken.None);

    public async Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount, CancellationToken cancellationToken)
    {
        var position = _position ?? await LoadCheckpointAsync(cancellationToken).ConfigureAwait(false);
        await SaveCheckpointIfDueAsync(cancellationToken).ConfigureAwait(false);
        await ApplyRetentionIfDueAsync(cancellationToken).ConfigureAwait(false);

        var now = time.GetTimestamp();
        var idleReadDue = time.GetElapsedTime(_lastReadAt, now) >= options.IdleReadInterval;
        // Consumed before the read: an append announced from here on is seen by this read or the next.
        if (!wakeup.Consume() && !_lastReadFoundEvents && !idleReadDue) return s_none;

        var count = maxCount == QueueAdapterConstants.UNLIMITED_GET_QUEUE_MSG ? options.ReadBatchSize : Math.Min(maxCount, options.ReadBatchSize);
        _lastReadAt = now;
        var events = await log.ReadAsync(partition, position, count, cancellationToken).ConfigureAwait(false);
        _lastReadFoundEvents = events.Count > 0;
        if (events.Count == 0) return s_none;

        var batch = new List<IBatchContainer>(events.Count);
        foreach (var streamEvent in events)
        {
            batch.Add(new PostgresBatchContainer(streamEvent.Stream, new EventSequenceToken(streamEvent.Sequence), await ReadItemAsync(streamEvent).ConfigureAwait(false)));
        }
        _position = events[^1].Sequence;
        return batch;
    }

    public Task MessagesDeliveredAsync(IList<IBatchContainer> messages) => MessagesDeliveredAsync(messages, CancellationToken.None);

    /// <summary>
    /// Orleans purges its cache oldest first, so the highest sequence among the purged events is a
    /// checkpoint below which everything was delivered or given up on (events whose delivery failed
    /// are left out of the list, but sit below it).
    /// </summary>
    public Task MessagesDeliveredAsync(IList<IBatchContainer> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        foreach (var message in messages)
        {
            if (message is PostgresBatchContainer container && container.Sequence > _delivered) _delivered = container.Sequence;
        }
        return SaveCheckpointIfDueAsync(cancellationToken);
    }

    public Task Shutdown(TimeSpan timeout) => Shutdown(timeout, CancellationToken.None);

    /// <summary>Saves what was delivered since the last checkpoint; what is still in Orleans' cache goes to the next owner of the partition.</summary>
    public async Task Shutdown(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (_delivered <= _checkpoint) return;
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        await SaveCheckpointAsync(timeoutSource.Token).ConfigureAwait(false);
    }

    private async Task<long> LoadCheckpointAsync(CancellationToken cancellationToken)
    {
        // Registered first, so retention keeps the partition's events for this group from now on.
        await log.RegisterConsumerGroupAsync(consumerGroup, cancellationToken).ConfigureAwait(false);
        var checkpoint = await log.GetCheckpointAsync(consumerGroup, partition, cancellationToken).ConfigureAwait(false) ?? 0;
        _checkpoint = checkpoint;
        _delivered = checkpoint;
        _position = checkpoint;
        LogStarting(logger, partition, consumerGroup, checkpoint);
        return checkpoint;
    }

    private Task SaveCheckpointIfDueAsync(CancellationToken cancellationToken) =>
        _delivered > _checkpoint && time.GetTimestamp() >= _nextCheckpointAt ? SaveCheckpointAsync(cancellationToken) : Task.CompletedTask;

    private async Task SaveCheckpointAsync(CancellationToken cancellationToken)
    {
        var delivered = _delivered;
        await log.SaveCheckpointAsync(consumerGroup, partition, delivered, cancellationToken).ConfigureAwait(false);
        _checkpoint = delivered;
        _nextCheckpointAt = time.GetTimestamp() + (long)(options.CheckpointInterval.TotalSeconds * time.TimestampFrequency);
    }

    /// <summary>The event of a row, or null (after dead-lettering the row) when it cannot be read.</summary>
    private async Task<object?> ReadItemAsync(StreamEvent streamEvent)
    {
        try
        {
            return serializer.Deserialize(streamEvent.EventType, streamEvent.Payload);
        }
        catch (Exception exception)
        {
            LogUnreadable(logger, exception, streamEvent.Position, streamEvent.Stream.ToString(), streamEvent.EventType);
            await log.AddDeadLetterAsync(consumerGroup, streamEvent, $"The event could not be read as {streamEvent.EventType}: {exception.Message}", 1).ConfigureAwait(false);
            StreamLogMetrics.DeadLetters.Add(1);
            return null;
        }
    }

    /// <summary>Deletes the partition's events past retention on the first poll and every <see cref="PostgresStreamProviderOptions.RetentionPeriod"/> after; a failure is logged and tried again next period.</summary>
    private async Task ApplyRetentionIfDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetTimestamp();
        if (_nextRetentionAt is { } due && now < due) return;
        _nextRetentionAt = now + (long)(options.RetentionPeriod.TotalSeconds * time.TimestampFrequency);
        try
        {
            var deleted = await log.ApplyRetentionAsync(partition, options.Retention, cancellationToken).ConfigureAwait(false);
            if (deleted > 0) LogRetention(logger, deleted, partition);
        }
        catch (StreamLogException exception)
        {
            LogRetentionFailed(logger, exception, partition);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Reading stream log partition {Partition} for consumer group {ConsumerGroup} after checkpoint {Checkpoint}")]
    private static partial void LogStarting(ILogger logger, int partition, string consumerGroup, long checkpoint);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "Event {Position} of stream {Stream} could not be read as {EventType}; it goes to the dead letters")]
    private static partial void LogUnreadable(ILogger logger, Exception exception, StreamPosition position, string stream, string eventType);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Retention deleted {Deleted} events of stream log partition {Partition}")]
    private static partial void LogRetention(ILogger logger, long deleted, int partition);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Retention of stream log partition {Partition} failed; it is tried again next period")]
    private static partial void LogRetentionFailed(ILogger logger, Exception exception, int partition);
}
