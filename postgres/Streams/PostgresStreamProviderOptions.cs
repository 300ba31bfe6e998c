namespace Commerce.Runtime.Postgres.Streams;

/// <summary>Settings of the durable PostgreSQL stream provider (<c>silo.UsePostgresStreams(...)</c>) and its pulling agents.</summary>
public sealed class PostgresStreamProviderOptions
{
    /// <summary>The database holding the stream log (migration 004). Required.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The log's own settings (partition count, group commit). Every process of a cluster must use the same partition count.</summary>
    public PostgresStreamLogOptions Log { get; set; } = new();

    /// <summary>
    /// The least time between two reads of a partition that found nothing new. Default: 10 ms. An
    /// agent does not poll: once its partition is empty it waits for a notification of the append
    /// that touches it (or for <see cref="IdlePollInterval"/>), and reads until the partition is empty
    /// again. This pause bounds how often a busy partition is read when notifications come faster
    /// than the agent drains (events of the pause go into the next read's batch), at the cost of up
    /// to this much latency for an event appended just after an empty read.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// How long an idle agent waits for a notification before it reads its partition anyway.
    /// Default: 1 s. Appends notify the agents (PostgreSQL <c>NOTIFY</c>, in the appending
    /// transaction) over one listening connection per silo; while that connection is down and
    /// reconnecting, notifications are lost, and this bounds the delay they cause: an event is
    /// delivered late, never lost. With the default 8 partitions an idle cluster reads the log about
    /// 8 times a second. Must be at least <see cref="PollInterval"/>.
    /// </summary>
    public TimeSpan IdlePollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long the listening connection may go without a notification before the silo checks it with
    /// a trivial query. Default: 30 s. A connection the server closes fails at once; one lost without
    /// notice (a network partition) is found within this time, and meanwhile agents read every
    /// <see cref="IdlePollInterval"/>.
    /// </summary>
    public TimeSpan ListenerKeepAlive { get; set; } = TimeSpan.FromSeconds(30);

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

    /// <summary>
    /// The wait before the first retry of an event; it doubles on each retry up to <see cref="MaxRetryBackoff"/>.
    /// Default: 50 ms. The listening connection reconnects after a failure with the same backoff.
    /// </summary>
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
        if (IdlePollInterval <= TimeSpan.Zero || IdlePollInterval < PollInterval)
            throw new ArgumentOutOfRangeException(nameof(IdlePollInterval), IdlePollInterval, "Must be positive and at least PollInterval.");
        if (ListenerKeepAlive <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(ListenerKeepAlive), ListenerKeepAlive, "Must be positive.");
        if (BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "Must be at least 1.");
        if (MaxDeliveryAttempts < 1) throw new ArgumentOutOfRangeException(nameof(MaxDeliveryAttempts), MaxDeliveryAttempts, "Must be at least 1.");
        if (RetryBackoff <= TimeSpan.Zero || MaxRetryBackoff < RetryBackoff)
            throw new ArgumentOutOfRangeException(nameof(RetryBackoff), RetryBackoff, "Must be positive and at most MaxRetryBackoff.");
        if (Retention <= TimeSpan.Zero || RetentionPeriod <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(Retention), Retention, "Retention and its period must be positive.");
    }
}
