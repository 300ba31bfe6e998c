namespace Commerce.GrainInterfaces.Reviews;

/// <summary>A published review.</summary>
[GenerateSerializer, Immutable, Alias("commerce.ProductReview")]
public sealed record ProductReview(string Sku, string UserId, string OrderId, int Rating, string Text, DateTimeOffset CreatedAt);
