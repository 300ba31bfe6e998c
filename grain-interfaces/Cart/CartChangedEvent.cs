namespace Commerce.GrainInterfaces.Cart;

/// <summary>
/// Published on the durable stream <c>carts/{cartId}</c> for every line change (behaviour for recommendations and
/// analytics: add-to-cart, removals). <paramref name="Quantity"/> is the line's new quantity (0 when removed).
/// </summary>
/// <param name="UserId">The user, or null for a guest cart.</param>
[GenerateSerializer, Immutable, Alias("commerce.CartChangedEvent")]
public sealed record CartChangedEvent(string CartId, string? UserId, string Sku, int Quantity, int Delta, DateTimeOffset At);
