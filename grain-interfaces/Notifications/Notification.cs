namespace Commerce.GrainInterfaces.Notifications;

/// <summary>One notification in a user's outbox; <paramref name="Sequence"/> increases by one per notification and is the poll cursor.</summary>
[GenerateSerializer, Immutable, Alias("commerce.Notification")]
public sealed record Notification(long Sequence, NotificationKind Kind, string Title, string Body, string? OrderId, DateTimeOffset CreatedAt);
