namespace Commerce.GrainInterfaces.Orders;

/// <summary>
/// One checkout attempt, keyed <c>{userId}:{idempotencyKey}</c> (the client's Idempotency-Key header). It takes an
/// order number once and remembers it, so retries, concurrent ones included, never create a second order: they
/// return the same order. A refused placement (validation, stock, price) may be retried with the same key.
/// </summary>
[Alias("commerce.ICheckoutGrain")]
public interface ICheckoutGrain : IGrainWithStringKey
{
    /// <summary>
    /// Orders the selected lines of the user's cart, validating the address, stock, listing and price against
    /// <see cref="CheckoutRequest.ExpectedTotal"/>; reserves stock; pays when a payment is given; removes the
    /// ordered lines from the cart. Conflicts: <c>empty-cart</c>, <c>product-unavailable</c>, <c>out-of-stock</c>,
    /// <c>price-changed</c>, <c>idempotency-key-reused</c> (the key was used by another user or kind of checkout).
    /// </summary>
    [Alias("PlaceFromCartAsync")]
    Task<OrderSnapshot> PlaceFromCartAsync(CheckoutRequest request);

    /// <summary>One-click buy: orders one SKU with the given saved address and payment method and pays at once.</summary>
    [Alias("BuyNowAsync")]
    Task<OrderSnapshot> BuyNowAsync(BuyNowRequest request);

    /// <summary>The order this checkout created, or null before one was placed.</summary>
    [ReadOnly]
    [Alias("GetOrderIdAsync")]
    Task<string?> GetOrderIdAsync();
}
