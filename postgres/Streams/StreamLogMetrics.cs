using System.Diagnostics.Metrics;

namespace Commerce.Postgres.Streams;

/// <summary>
/// The stream log's instruments, on the meter <see cref="MeterName"/>: how many events were
/// committed, in how many flushes (so mean batch size is their ratio), how long flushes took and how
/// many failed, how often partitions were read and how many events were dead-lettered. Shared by
/// every log of the process. Delivery itself is measured by Orleans (meter <c>Microsoft.Orleans</c>,
/// <c>orleans-streams-persistent-stream-*</c> instruments).
/// </summary>
public static class StreamLogMetrics
{
    /// <summary>The name of the meter to subscribe to (OTLP, Prometheus, <see cref="MeterListener"/>).</summary>
    public const string MeterName = "Commerce.Postgres.Streams";

    private static readonly Meter s_meter = new(MeterName);

    internal static readonly Counter<long> EventsAppended =
        s_meter.CreateCounter<long>("commerce.streams.events_appended", "{event}", "Events durably committed to the log.");

    internal static readonly Counter<long> Flushes =
        s_meter.CreateCounter<long>("commerce.streams.flushes", "{flush}", "Group-commit transactions that committed.");

    internal static readonly Counter<long> FailedEvents =
        s_meter.CreateCounter<long>("commerce.streams.events_failed", "{event}", "Appended events whose flush failed; their callers got a StreamLogException.");

    internal static readonly Histogram<double> FlushDuration =
        s_meter.CreateHistogram<double>("commerce.streams.flush_duration", "ms", "Time of one group-commit transaction, connection to commit.");

    internal static readonly Counter<long> Reads =
        s_meter.CreateCounter<long>("commerce.streams.reads", "{read}",
            "Reads of a partition (PostgresStreamLog.ReadAsync), empty ones included: the provider's receivers read when notified of an append and at least once per IdleReadInterval.");

    internal static readonly Counter<long> DeadLetters =
        s_meter.CreateCounter<long>("commerce.streams.dead_letters", "{event}", "Events a consumer group gave up on, copied to stream_dead_letters.");
}
