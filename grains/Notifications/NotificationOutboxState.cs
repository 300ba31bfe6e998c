using Commerce.GrainInterfaces.Notifications;

namespace Commerce.Grains.Notifications;

/// <summary>The persisted outbox of one user.</summary>
public sealed class NotificationOutboxState
{
    public long LastSequence { get; set; }

    /// <summary>Oldest first, at most <see cref="NotificationOptions.Retention"/>.</summary>
    public List<Notification> Items { get; set; } = [];

    /// <summary>Dedupe key -> sequence of the retained notifications.</summary>
    public Dictionary<string, long> DedupeKeys { get; set; } = new(StringComparer.Ordinal);
}
