namespace Commerce.GrainInterfaces.Cart;

/// <summary>One SKU in a cart. <paramref name="Selected"/> lines are the ones checkout orders.</summary>
[GenerateSerializer, Immutable, Alias("commerce.CartLine")]
public sealed record CartLine(string Sku, int Quantity, bool Selected, DateTimeOffset AddedAt);
