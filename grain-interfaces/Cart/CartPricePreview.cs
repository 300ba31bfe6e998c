using Commerce.GrainInterfaces.Common;
using Commerce.GrainInterfaces.Promotions;

namespace Commerce.GrainInterfaces.Cart;

/// <summary>
/// What the selected lines cost now, with promotions applied. Checkout passes <see cref="Total"/> back as
/// the expected total; an order whose recomputed total differs is refused with <c>price-changed</c>.
/// </summary>
[GenerateSerializer, Immutable, Alias("commerce.CartPricePreview")]
public sealed record CartPricePreview(
    string CartId,
    IReadOnlyList<PricedCartLine> Lines,
    Money Subtotal,
    IReadOnlyList<AppliedDiscount> Discounts,
    Money Total,
    DateTimeOffset PricedAt);
