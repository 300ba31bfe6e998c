using Commerce.GrainInterfaces.Common;

namespace Commerce.Grains.Promotions;

/// <summary>A line as the promotion engine sees it: SKU, quantity and the current unit price.</summary>
public sealed record PricedLine(string Sku, int Quantity, Money UnitPrice);
