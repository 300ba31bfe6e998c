namespace Commerce.GrainInterfaces.Streams;

/// <summary>The stream providers every silo and client has, by name (Orleans registers them as keyed services).</summary>
public static class StreamProviderNames
{
    /// <summary>Cluster-wide, in memory, at-most-once, fast: live notifications that may be lost.</summary>
    public const string Memory = "memory";

    /// <summary>
    /// At-least-once, ordered per stream, replayable: the PostgreSQL-backed log in a cluster. The embedded default
    /// (no database) backs it with memory, so code is the same in both.
    /// </summary>
    public const string Durable = "durable";
}
