namespace Commerce.GrainInterfaces.Orders;

/// <summary>How many units of an order line a warehouse ships.</summary>
[GenerateSerializer, Immutable, Alias("commerce.LineAllocation")]
public sealed record LineAllocation(string WarehouseId, int Quantity);
