namespace Commerce.GrainInterfaces.Notifications;

/// <summary>Notifications after a cursor; poll again with <paramref name="NextCursor"/>.</summary>
/// <param name="Truncated">True when older notifications after the cursor were already dropped by retention.</param>
[GenerateSerializer, Immutable, Alias("commerce.NotificationPage")]
public sealed record NotificationPage(IReadOnlyList<Notification> Items, long NextCursor, bool Truncated);
