namespace Commerce.Grains.Notifications;

/// <summary>Tunables of <see cref="NotificationOutboxGrain"/>.</summary>
public sealed class NotificationOptions
{
    /// <summary>
    /// How many notifications an outbox keeps (newest). Default 200: a client polls every few seconds, so only a
    /// client offline for hundreds of order events misses any (the page then says it was truncated).
    /// </summary>
    public int Retention { get; set; } = 200;

    /// <summary>The largest page a poll returns. Default 100.</summary>
    public int MaxPageSize { get; set; } = 100;
}
