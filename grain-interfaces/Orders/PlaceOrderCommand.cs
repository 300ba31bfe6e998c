using Commerce.GrainInterfaces.Common;

namespace Commerce.GrainInterfaces.Orders;

/// <summary>What <see cref="ICheckoutGrain"/> asks an order grain to become.</summary>
/// <param name="IdempotencyKey">The checkout's idempotency key: placing again with the same key returns the order.</param>
/// <param name="ExpectedTotal">Null skips the price check.</param>
[GenerateSerializer, Immutable, Alias("commerce.PlaceOrderCommand")]
public sealed record PlaceOrderCommand(
    string UserId,
    string IdempotencyKey,
    IReadOnlyList<OrderLineRequest> Items,
    ShippingAddress Address,
    Money? ExpectedTotal,
    int RedeemPoints,
    bool AllowBackorder);
