namespace Commerce.GrainInterfaces.Orders;

/// <summary>A SKU and quantity to order.</summary>
public sealed record OrderLineRequest(string Sku, int Quantity);
