namespace Commerce.Runtime.Configuration;

/// <summary>How grain calls are carried and how long a caller waits.</summary>
public sealed class MessagingOptions
{
    /// <summary>
    /// How long a caller waits for a response before its call fails with <see cref="TimeoutException"/>.
    /// Default 30 s: long enough for a storage write under load, short enough that a deadlocked call
    /// cycle frees its callers quickly. Requests still queued when their caller gave up are dropped.
    /// </summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
