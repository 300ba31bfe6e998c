using Commerce.GrainInterfaces.Common;

namespace Commerce.GrainInterfaces.Orders;

/// <summary>One line of an order, priced when the order was placed; allocations appear once stock is committed.</summary>
[GenerateSerializer, Immutable, Alias("commerce.OrderLine")]
public sealed record OrderLine(string Sku, string Name, int Quantity, Money UnitPrice, Money LineTotal, IReadOnlyList<LineAllocation> Allocations);
