namespace Commerce.Runtime.Postgres.Streams;

/// <summary>Settings of the durable PostgreSQL stream provider (<c>silo.UsePostgresStreams(...)</c>) and its pulling agents.</summary>
public sealed class PostgresStreamProviderOptions
{
    /// <summary>The database holding the stream log (migration 004). Required.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The log's own settings (partition count, group commit). Every process of a cluster must use the same partition count.</summary>
    public PostgresStreamLogOptions Log { get; set; } = new();

    /// <summary>
    /// How long an agent whose partition had nothing new waits before reading again. Default: 20 ms,
    /// a floor under end-to-end latency when idle (half of it on average); a partition with new events
    /// is read again at once. With the default 8 partitions that is at most 400 small index reads a
    /// second over the whole cluster when idle.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// The most events an agent reads and delivers before it saves its checkpoint. Default: 512:
    /// events of different streams in a batch are delivered concurrently, so a batch is also the
    /// agent's concurrency, and the events a new owner redelivers after a crash.
    /// </summary>
    public int BatchSize { get; set; } = 512;

    /// <summary>
    /// How many times an event whose consumer throws is delivered before it goes to the dead-letter
    /// table and its partition moves on. Default: 3. Failures of the cluster itself (a silo lost, a
    /// timeout) are not the event's fault and do not count: they are retried until they succeed or
    /// the partition moves to another silo.
    /// </summary>
    public int MaxDeliveryAttempts { get; set; } = 3;

    /// <summary>The wait before the first retry of an event; it doubles on each retry up to <see cref="MaxRetryBackoff"/>. Default: 50 ms.</summary>
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>The longest wait between two deliveries of one event. Default: 2 s, about the time the cluster takes to declare a lost silo dead.</summary>
    public TimeSpan MaxRetryBackoff { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long events stay in the log after they were appended, once every consumer group has
    /// processed them (they are what the recommender trains on). Default: 30 days.
    /// </summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often the silo owning partition 0 deletes what is past <see cref="Retention"/>. Default: 10 minutes.</summary>
    public TimeSpan RetentionPeriod { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Throws when a setting is out of range.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString)) throw new ArgumentException("The PostgreSQL stream provider needs a connection string.", nameof(ConnectionString));
        Log.Validate();
        if (PollInterval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(PollInterval), PollInterval, "Must be positive.");
        if (BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "Must be at least 1.");
        if (MaxDeliveryAttempts < 1) throw new ArgumentOutOfRangeException(nameof(MaxDeliveryAttempts), MaxDeliveryAttempts, "Must be at least 1.");
        if (RetryBackoff <= TimeSpan.Zero || MaxRetryBackoff < RetryBackoff)
            throw new ArgumentOutOfRangeException(nameof(RetryBackoff), RetryBackoff, "Must be positive and at most MaxRetryBackoff.");
        if (Retention <= TimeSpan.Zero || RetentionPeriod <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(Retention), Retention, "Retention and its period must be positive.");
    }
}
