using System.Diagnostics.Metrics;

namespace Commerce.Runtime.Postgres.Streams;

/// <summary>
/// The stream log's instruments, on the meter <see cref="MeterName"/>: how many events were
/// committed, in how many flushes (so mean batch size is their ratio), how long flushes took and how
/// many failed. Shared by every log of the process.
/// </summary>
public static class StreamLogMetrics
{
    /// <summary>The name of the meter to subscribe to (OTLP, Prometheus, <see cref="MeterListener"/>).</summary>
    public const string MeterName = "Commerce.Runtime.Streams";

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
            "Reads of a partition (PostgresStreamLog.ReadAsync), empty ones included: idle agents read about once per IdlePollInterval each.");

    internal static readonly Counter<long> EventsDelivered =
        s_meter.CreateCounter<long>("commerce.streams.events_delivered", "{event}", "Events the pulling agents delivered to every subscriber (redeliveries included).");

    internal static readonly Counter<long> DeliveryFailures =
        s_meter.CreateCounter<long>("commerce.streams.delivery_failures", "{delivery}", "Deliveries that failed and will be retried or dead-lettered.");

    internal static readonly Counter<long> DeadLetters =
        s_meter.CreateCounter<long>("commerce.streams.dead_letters", "{event}", "Events given up on after their consumer kept failing.");

    internal static readonly Histogram<double> DeliveryLag =
        s_meter.CreateHistogram<double>("commerce.streams.delivery_lag", "ms", "From the event's commit (server clock) to its delivery by an agent.");
}
