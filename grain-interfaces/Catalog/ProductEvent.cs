namespace Commerce.GrainInterfaces.Catalog;

/// <summary>Domain events of products on the durable stream <c>product/{sku}</c>.</summary>
/// <param name="Kind">One of <c>listed</c>, <c>delisted</c>, <c>submitted</c>, <c>approved</c>, <c>rejected</c>.</param>
[GenerateSerializer, Immutable, Alias("commerce.ProductEvent")]
public sealed record ProductEvent(string Kind, string Sku, ProductStatus Status, string Actor, DateTimeOffset At)
{
    /// <summary>The stream namespace; the key is the SKU.</summary>
    public const string StreamNamespace = "product";
}
