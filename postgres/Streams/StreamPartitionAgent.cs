using Commerce.Runtime.Streams;
using Microsoft.Extensions.Logging;

namespace Commerce.Runtime.Postgres.Streams;

/// <summary>
/// Pulls one partition of the log and delivers its events: from the consumer group's checkpoint,
/// a batch at a time; the events of one stream one after another (per-stream order), different
/// streams concurrently; then the checkpoint moves past the batch. A crash between delivery and
/// checkpoint makes the next owner deliver the batch again: at-least-once. It reads until the
/// partition is empty, then waits for its <see cref="PartitionSignal"/> (a notification of an append
/// to the partition) or <see cref="PostgresStreamProviderOptions.IdlePollInterval"/>, whichever
/// comes first.
/// </summary>
internal sealed class StreamPartitionAgent
{
    private readonly PostgresStreamProvider _provider;
    private readonly PostgresStreamProviderOptions _options;
    private readonly ILogger _logger;
    private readonly PartitionSignal _appended;
    private readonly TimeSpan _idleWait;
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;

    public StreamPartitionAgent(PostgresStreamProvider provider, int partition, PartitionSignal appended, PostgresStreamProviderOptions options, ILogger logger)
    {
        _provider = provider;
        Partition = partition;
        _appended = appended;
        _options = options;
        _logger = logger;
        // The pause after an empty read counts towards the idle wait.
        _idleWait = options.IdlePollInterval - options.PollInterval;
    }

    public int Partition { get; }

    public void Start() => _loop = Task.Run(() => RunAsync(_stop.Token));

    /// <summary>Stops pulling; an unfinished batch is abandoned without a checkpoint (the next owner redelivers it).</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var log = _provider.Log;
        long? checkpoint = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                checkpoint ??= await log.GetCheckpointAsync(_provider.ConsumerGroup, Partition, cancellationToken) ?? 0;
                // This read sees every append committed before it, so notifications so far are spent;
                // one arriving from now on wakes the wait below.
                _appended.Reset();
                var events = await log.ReadAsync(Partition, checkpoint.Value, _options.BatchSize, cancellationToken);
                if (events.Count == 0)
                {
                    await Task.Delay(_options.PollInterval, cancellationToken);
                    await _appended.WaitAsync(_idleWait, cancellationToken);
                    continue;
                }

                await DeliverBatchAsync(events, cancellationToken);
                checkpoint = events[^1].Sequence;
                await log.SaveCheckpointAsync(_provider.ConsumerGroup, Partition, checkpoint.Value, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // The log is unreachable: keep the position and try again; nothing was acknowledged.
                _logger.LogWarning(exception, "Stream partition {Partition} agent of provider {Provider} failed; retrying", Partition, _provider.Name);
                checkpoint = null;
                await Task.Delay(_options.MaxRetryBackoff, cancellationToken);
            }
        }
    }

    private Task DeliverBatchAsync(IReadOnlyList<StreamEvent> events, CancellationToken cancellationToken)
    {
        var byStream = new Dictionary<StreamId, List<StreamEvent>>();
        foreach (var streamEvent in events)
        {
            if (!byStream.TryGetValue(streamEvent.Stream, out var list)) byStream[streamEvent.Stream] = list = [];
            list.Add(streamEvent);
        }

        if (byStream.Count == 1) return DeliverInOrderAsync(events, cancellationToken);
        var streams = new Task[byStream.Count];
        var i = 0;
        foreach (var list in byStream.Values) streams[i++] = DeliverInOrderAsync(list, cancellationToken);
        return Task.WhenAll(streams);
    }

    private async Task DeliverInOrderAsync(IReadOnlyList<StreamEvent> events, CancellationToken cancellationToken)
    {
        foreach (var streamEvent in events) await DeliverAsync(streamEvent, cancellationToken);
    }

    private async Task DeliverAsync(StreamEvent streamEvent, CancellationToken cancellationToken)
    {
        var token = new StreamSequenceToken(streamEvent.Partition, streamEvent.Sequence);
        var payload = streamEvent.Payload.ToArray();
        var failures = 0;
        var backoff = _options.RetryBackoff;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Exception error;
            try
            {
                await _provider.Runtime.DeliverAsync(_provider.Name, streamEvent.Stream, streamEvent.EventType, payload, token);
                StreamLogMetrics.EventsDelivered.Add(1);
                StreamLogMetrics.DeliveryLag.Record((DateTimeOffset.UtcNow - streamEvent.AppendedAt).TotalMilliseconds);
                return;
            }
            catch (Exception exception)
            {
                error = exception;
            }

            StreamLogMetrics.DeliveryFailures.Add(1);
            if (!IsClusterFailure(error) && ++failures >= _options.MaxDeliveryAttempts)
            {
                _logger.LogError(error, "Event {Position} of {Stream} failed {Attempts} times and goes to the dead letters of {Group}",
                    streamEvent.Position, streamEvent.Stream, failures, _provider.ConsumerGroup);
                await _provider.Log.AddDeadLetterAsync(_provider.ConsumerGroup, streamEvent, error.ToString(), failures, cancellationToken);
                StreamLogMetrics.DeadLetters.Add(1);
                return;
            }

            await Task.Delay(backoff, cancellationToken);
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.MaxRetryBackoff.Ticks));
        }
    }

    /// <summary>Failures of the cluster, not of the consumer: a silo lost or a call timed out. Retried without limit.</summary>
    private static bool IsClusterFailure(Exception exception) =>
        exception is SiloUnavailableException or TimeoutException
        || (exception is AggregateException aggregate && aggregate.InnerExceptions.All(IsClusterFailure));
}
