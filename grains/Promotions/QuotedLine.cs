using Commerce.GrainInterfaces.Common;

namespace Commerce.Grains.Promotions;

/// <summary>One priced line; <paramref name="Available"/> is false when the product is missing or not listed.</summary>
public sealed record QuotedLine(string Sku, string Name, int Quantity, Money UnitPrice, Money LineTotal, bool Available);
