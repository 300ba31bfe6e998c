using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Streams;

namespace Commerce.Postgres.Streams;

/// <summary>
/// Copies an event Orleans gave up delivering to <c>stream_dead_letters</c>. Orleans retries a
/// failing delivery with backoff (the provider's message delivery backoff, by default 1 s doubling
/// to 30 s) for <c>StreamPullingAgentOptions.MaxEventDeliveryTime</c> (default 1 minute), then calls
/// this handler once for that event and subscription and moves the subscription's cursor on: a
/// consumer that keeps throwing delays its stream by that window per event, and never stalls it. The
/// dead letter counts one attempt per window given up (a redelivery after a fail-over that fails
/// again adds one). Subscriptions are never faulted: implicit ones cannot be, and an explicit one
/// keeps receiving the events after the failed one.
/// </summary>
internal sealed partial class PostgresStreamFailureHandler(
    PostgresStreamLog log,
    string consumerGroup,
    TimeSpan maxEventDeliveryTime,
    ILogger logger) : IStreamFailureHandler
{
    public bool ShouldFaultSubsriptionOnError => false;

    public async Task OnDeliveryFailure(GuidId subscriptionId, string streamProviderName, StreamId streamIdentity, StreamSequenceToken? sequenceToken)
    {
        // Orleans ignores what this throws; a dead letter that cannot be written is logged here.
        try
        {
            if (sequenceToken is null)
            {
                LogNoToken(logger, subscriptionId, streamIdentity.ToString());
                return;
            }
            var partition = log.GetPartition(streamIdentity);
            var found = await log.ReadAsync(partition, sequenceToken.SequenceNumber - 1, 1).ConfigureAwait(false);
            if (found.Count == 0 || found[0].Sequence != sequenceToken.SequenceNumber || found[0].Stream != streamIdentity)
            {
                LogEventGone(logger, new StreamPosition(partition, sequenceToken.SequenceNumber), streamIdentity.ToString());
                return;
            }
            var error = $"Delivery to subscription {subscriptionId} of provider {streamProviderName} kept failing for {maxEventDeliveryTime} (MaxEventDeliveryTime); the consumer's error is in the silo's log.";
            await log.AddDeadLetterAsync(consumerGroup, found[0], error, 1).ConfigureAwait(false);
            StreamLogMetrics.DeadLetters.Add(1);
            LogDeadLettered(logger, found[0].Position, streamIdentity.ToString(), subscriptionId);
        }
        catch (Exception exception)
        {
            LogDeadLetterFailed(logger, exception, sequenceToken?.SequenceNumber, streamIdentity.ToString());
        }
    }

    /// <summary>A subscription could not be set up (no event is at fault): logged, Orleans retries it.</summary>
    public Task OnSubscriptionFailure(GuidId subscriptionId, string streamProviderName, StreamId streamIdentity, StreamSequenceToken? sequenceToken)
    {
        LogSubscriptionFailed(logger, subscriptionId, streamIdentity.ToString(), streamProviderName);
        return Task.CompletedTask;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Event {Position} of stream {Stream} went to the dead letters after delivery to subscription {SubscriptionId} kept failing")]
    private static partial void LogDeadLettered(ILogger logger, StreamPosition position, string stream, GuidId subscriptionId);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Event {Position} of stream {Stream} failed delivery but is no longer in the log; no dead letter written")]
    private static partial void LogEventGone(ILogger logger, StreamPosition position, string stream);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "Writing the dead letter of event {Sequence} of stream {Stream} failed")]
    private static partial void LogDeadLetterFailed(ILogger logger, Exception exception, long? sequence, string stream);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Delivery to subscription {SubscriptionId} of stream {Stream} failed without a sequence token; no dead letter written")]
    private static partial void LogNoToken(ILogger logger, GuidId subscriptionId, string stream);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "Subscription {SubscriptionId} to stream {Stream} of provider {Provider} failed")]
    private static partial void LogSubscriptionFailed(ILogger logger, GuidId subscriptionId, string stream, string provider);
}
