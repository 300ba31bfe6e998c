namespace Commerce.GrainInterfaces.Orders;

/// <summary>A SKU and quantity to order.</summary>
[GenerateSerializer, Immutable, Alias("commerce.OrderLineRequest")]
public sealed record OrderLineRequest(string Sku, int Quantity);
