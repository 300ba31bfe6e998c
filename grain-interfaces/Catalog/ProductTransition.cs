namespace Commerce.GrainInterfaces.Catalog;

/// <summary>One recorded change of a product's status: who moved it, when, and why when a reason was given.</summary>
[GenerateSerializer, Immutable, Alias("commerce.ProductTransition")]
public sealed record ProductTransition(ProductStatus From, ProductStatus To, DateTimeOffset At, string Actor, string? Reason);
