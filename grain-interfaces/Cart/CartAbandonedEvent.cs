namespace Commerce.GrainInterfaces.Cart;

/// <summary>
/// Published on the durable stream <c>carts/{cartId}</c> when a non-empty cart has been idle for the
/// configured time; analytics counts abandonment from it and campaigns may send a coupon.
/// </summary>
/// <param name="UserId">The user, or null for a guest cart.</param>
[GenerateSerializer, Immutable, Alias("commerce.CartAbandonedEvent")]
public sealed record CartAbandonedEvent(string CartId, string? UserId, IReadOnlyList<CartLine> Lines, DateTimeOffset IdleSince, DateTimeOffset DetectedAt);
