namespace Commerce.GrainInterfaces.Notifications;

/// <summary>A notification to append. <paramref name="DedupeKey"/> makes a retried append a no-op (e.g. <c>{orderId}#{sequence}</c>).</summary>
[GenerateSerializer, Immutable, Alias("commerce.NotificationDraft")]
public sealed record NotificationDraft(NotificationKind Kind, string Title, string Body, string? OrderId, string DedupeKey);
