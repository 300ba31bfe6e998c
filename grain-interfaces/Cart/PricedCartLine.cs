using Commerce.GrainInterfaces.Common;

namespace Commerce.GrainInterfaces.Cart;

/// <summary>A selected cart line priced at the product's current price.</summary>
/// <param name="Available">False when the product is missing or not listed: such a line is not counted and blocks checkout.</param>
[GenerateSerializer, Immutable, Alias("commerce.PricedCartLine")]
public sealed record PricedCartLine(string Sku, string Name, int Quantity, Money UnitPrice, Money LineTotal, bool Available);
