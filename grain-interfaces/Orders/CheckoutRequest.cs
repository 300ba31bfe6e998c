using Commerce.GrainInterfaces.Common;

namespace Commerce.GrainInterfaces.Orders;

/// <summary>Checkout of the selected lines of the user's cart (<c>user:{UserId}</c>).</summary>
/// <param name="ExpectedTotal">The total of the cart preview the customer saw; the order is refused with <c>price-changed</c> when it no longer matches.</param>
/// <param name="Payment">When given, the order is paid at once; otherwise it awaits <c>IOrderGrain.PayAsync</c> until its reservation expires.</param>
/// <param name="RedeemPoints">Loyalty points to spend on this order (0 for none).</param>
/// <param name="AllowBackorder">The customer accepts that units out of stock ship later.</param>
[GenerateSerializer, Immutable, Alias("commerce.CheckoutRequest")]
public sealed record CheckoutRequest(
    string UserId,
    ShippingAddress Address,
    Money ExpectedTotal,
    PaymentSelection? Payment = null,
    int RedeemPoints = 0,
    bool AllowBackorder = false);
