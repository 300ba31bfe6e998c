namespace Commerce.Grains;

/// <summary>How a grain retries writing its read-model row after the read model refused a write.</summary>
public sealed class ReadModelProjectionOptions
{
    /// <summary>
    /// Delay before the first retry. Default 1 second: a connection blip or failover is usually over by then, and
    /// the row is back in the listings before anyone notices.
    /// </summary>
    public TimeSpan InitialRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Longest delay between retries; the delay doubles from <see cref="InitialRetryDelay"/> up to it. Default 1 minute:
    /// during a long outage every stale grain probes the database about once a minute, not in a storm, and the listings
    /// catch up at most a minute after it ends.
    /// </summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(1);
}
