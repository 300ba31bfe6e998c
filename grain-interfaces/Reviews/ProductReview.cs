namespace Commerce.GrainInterfaces.Reviews;

/// <summary>A published review.</summary>
public sealed record ProductReview(string Sku, string UserId, string OrderId, int Rating, string Text, DateTimeOffset CreatedAt);
