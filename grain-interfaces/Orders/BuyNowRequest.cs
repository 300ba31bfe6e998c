using Commerce.GrainInterfaces.Common;

namespace Commerce.GrainInterfaces.Orders;

/// <summary>One-click buy of one SKU with a saved address and payment method (the API looks them up and passes them in).</summary>
/// <param name="ExpectedTotal">The price the customer saw; null skips the check (the price shown is the product's current price).</param>
[GenerateSerializer, Immutable, Alias("commerce.BuyNowRequest")]
public sealed record BuyNowRequest(
    string UserId,
    string Sku,
    int Quantity,
    ShippingAddress Address,
    PaymentSelection Payment,
    Money? ExpectedTotal = null);
