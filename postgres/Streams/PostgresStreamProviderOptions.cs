using System.Text.Json;
using Orleans.Configuration;

namespace Commerce.Postgres.Streams;

/// <summary>
/// Settings of one PostgreSQL stream provider (<c>AddPostgresStreams(name, connectionString, ...)</c>),
/// named after it. Silos and clients of a cluster must agree on <see cref="Log"/>'s partition count
/// and on <see cref="JsonSerializerOptions"/>. What Orleans itself runs (pulling agents, cache,
/// delivery retries) is set on the stream configurator: see <see cref="DefaultGetQueueMessagesPeriod"/>.
/// </summary>
public sealed class PostgresStreamProviderOptions
{
    /// <summary>
    /// The period the provider's registration gives <see cref="StreamPullingAgentOptions.GetQueueMsgsTimerPeriod"/>
    /// (Orleans' default: 100 ms): how often each pulling agent asks its partition's receiver for events. An
    /// idle receiver answers from memory unless an append to its partition was announced (PostgreSQL
    /// <c>NOTIFY</c>) or <see cref="IdleReadInterval"/> passed, so polling this often costs no query,
    /// and an event waits at most this long for its agent. Change it with
    /// <c>configureStream: s => s.ConfigurePullingAgent(o => o.Configure(a => a.GetQueueMsgsTimerPeriod = ...))</c>.
    /// </summary>
    public static readonly TimeSpan DefaultGetQueueMessagesPeriod = TimeSpan.FromMilliseconds(10);

    /// <summary>The database holding the stream log (migration 004). Required; set by the registration.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The log's own settings: partition count (8, one Orleans queue each) and group commit.</summary>
    public PostgresStreamLogOptions Log { get; set; } = new();

    /// <summary>
    /// The consumer group under which this provider's receivers checkpoint and dead-letter. Default:
    /// null, meaning <c>provider:{provider name}</c>, so every silo of every deployment of the
    /// provider shares the checkpoints (the old runtime used the same name). Give two clusters that
    /// share one database but must each see every event different groups.
    /// </summary>
    public string? ConsumerGroup { get; set; }

    /// <summary>
    /// The most events a receiver reads from its partition at once. Default: 512. Orleans also caps a
    /// read at what its cache can take (a tenth of <see cref="SimpleQueueCacheOptions.CacheSize"/>,
    /// 409 with the default 4,096), so this only bites with a larger cache.
    /// </summary>
    public int ReadBatchSize { get; set; } = 512;

    /// <summary>
    /// The least time between two checkpoint writes of a partition. Default: 1 s. Orleans reports
    /// deliveries on every poll (<see cref="DefaultGetQueueMessagesPeriod"/>), and a write per report
    /// would cost each busy partition a hundred synchronous commits a second; instead a crash makes the
    /// next owner deliver up to this much more again (duplicates; delivery is at least once). A
    /// receiver that shuts down saves what was delivered.
    /// </summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a receiver that heard of no append to its partition waits before it reads anyway.
    /// Default: 1 s. Appends announce their partitions (PostgreSQL <c>NOTIFY</c>, sent on commit) to
    /// one listening connection per silo and provider; while that connection is down and reconnecting,
    /// announcements are lost, and this bounds the delay they cause: an event is delivered late, never
    /// lost. An idle silo reads each partition it owns about once per this interval.
    /// </summary>
    public TimeSpan IdleReadInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long the listening connection may go without a notification before the silo checks it with
    /// a trivial query. Default: 30 s. A connection the server closes fails at once; one lost without
    /// notice (a network partition) is found within this time.
    /// </summary>
    public TimeSpan ListenerKeepAlive { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The wait before the listening connection reconnects after a failure; it doubles per failure up to <see cref="MaxListenerRetryBackoff"/>. Default: 50 ms.</summary>
    public TimeSpan ListenerRetryBackoff { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>The longest wait between two reconnection attempts of the listening connection. Default: 2 s.</summary>
    public TimeSpan MaxListenerRetryBackoff { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long events stay in the log after they were appended, once every consumer group has
    /// processed them (they are what the recommender trains on). Default: 30 days.
    /// </summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// How often each receiver deletes what is past <see cref="Retention"/> in its partition (first on
    /// its first poll). Default: 10 minutes.
    /// </summary>
    public TimeSpan RetentionPeriod { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How events are written to and read from the log's <c>payload</c> column, which holds JSON so
    /// that people and SQL (the recommender's training queries) can read it. Default: the web
    /// defaults (camelCase properties). Every silo and client must use equivalent options.
    /// </summary>
    public JsonSerializerOptions JsonSerializerOptions { get; set; } = new(JsonSerializerDefaults.Web);

    /// <summary>Throws when a setting is missing or out of range.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString)) throw new ArgumentException("The PostgreSQL stream provider needs a connection string.", nameof(ConnectionString));
        ArgumentNullException.ThrowIfNull(Log, nameof(Log));
        Log.Validate();
        if (ConsumerGroup is not null && string.IsNullOrWhiteSpace(ConsumerGroup)) throw new ArgumentException("A consumer group must not be blank.", nameof(ConsumerGroup));
        if (ReadBatchSize < 1) throw new ArgumentOutOfRangeException(nameof(ReadBatchSize), ReadBatchSize, "Must be at least 1.");
        if (CheckpointInterval < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(CheckpointInterval), CheckpointInterval, "Must not be negative.");
        if (IdleReadInterval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(IdleReadInterval), IdleReadInterval, "Must be positive.");
        if (ListenerKeepAlive <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(ListenerKeepAlive), ListenerKeepAlive, "Must be positive.");
        if (ListenerRetryBackoff <= TimeSpan.Zero || MaxListenerRetryBackoff < ListenerRetryBackoff)
        {
            throw new ArgumentOutOfRangeException(nameof(ListenerRetryBackoff), ListenerRetryBackoff, "Must be positive and at most MaxListenerRetryBackoff.");
        }
        if (Retention <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(Retention), Retention, "Must be positive.");
        if (RetentionPeriod <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(RetentionPeriod), RetentionPeriod, "Must be positive.");
        ArgumentNullException.ThrowIfNull(JsonSerializerOptions, nameof(JsonSerializerOptions));
    }
}
