using Commerce.GrainInterfaces.Notifications;

namespace Commerce.Grains.Notifications;

/// <summary>The persisted outbox of one user.</summary>
[GenerateSerializer, Alias("commerce.state.NotificationOutboxState")]
public sealed class NotificationOutboxState
{
    [Id(0)]
    public long LastSequence { get; set; }

    /// <summary>Oldest first, at most <see cref="NotificationOptions.Retention"/>.</summary>
    [Id(1)]
    public List<Notification> Items { get; set; } = [];

    /// <summary>Dedupe key -> sequence of the retained notifications.</summary>
    [Id(2)]
    public Dictionary<string, long> DedupeKeys { get; set; } = new(StringComparer.Ordinal);
}
