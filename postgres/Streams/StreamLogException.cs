using Orleans.Runtime;

namespace Commerce.Postgres.Streams;

/// <summary>
/// The stream log could not do what was asked because the database failed (unreachable, timed out,
/// connection cut, schema missing) or refused the data. For an append it means the event was not
/// acknowledged: the log never reports success for an event it did not see committed. It may still
/// have been committed when the connection broke after the commit was sent, so a producer that
/// retries can write the event twice (the log is at-least-once).
/// </summary>
public sealed class StreamLogException : Exception
{
    public StreamLogException(string message, int? partition, StreamId? stream, Exception? innerException)
        : base(message, innerException)
    {
        Partition = partition;
        Stream = stream;
    }

    /// <summary>The partition the failed operation was on, when it was on one.</summary>
    public int? Partition { get; }

    /// <summary>The stream of the failed append, when the operation was one stream's.</summary>
    public StreamId? Stream { get; }
}
