namespace Commerce.GrainInterfaces.Cart;

/// <summary>A cart as it is now, lines in the order they were first added.</summary>
/// <param name="CartId">The grain key: <c>user:{userId}</c> or <c>guest:{sessionId}</c>.</param>
[GenerateSerializer, Immutable, Alias("commerce.CartView")]
public sealed record CartView(string CartId, IReadOnlyList<CartLine> Lines, DateTimeOffset? UpdatedAt);
