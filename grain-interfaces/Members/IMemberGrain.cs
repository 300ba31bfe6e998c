using Commerce.GrainInterfaces.Common;

namespace Commerce.GrainInterfaces.Members;

/// <summary>
/// A member (key = user id): loyalty points earned per paid order, redeemed at checkout, expiring by lot;
/// a tier by rolling spend with its benefits. A reminder expires lots.
/// </summary>
[Alias("commerce.IMemberGrain")]
public interface IMemberGrain : IGrainWithStringKey, IRemindable
{
    [ReadOnly]
    [Alias("GetAsync")]
    Task<MemberSnapshot> GetAsync();

    /// <summary>Earns points for a paid order and counts its spend toward the tier. Idempotent per order.</summary>
    [Alias("EarnForOrderAsync")]
    Task EarnForOrderAsync(string orderId, Money paidAmount);

    /// <summary>
    /// Holds <paramref name="points"/> for <paramref name="orderId"/>, oldest lots first, and returns the discount
    /// they are worth in <paramref name="currency"/>. Idempotent per order; refuses bad input with
    /// <see cref="InvalidInputException"/> and too few points with <see cref="ConflictException"/> <c>insufficient-points</c>.
    /// </summary>
    [Alias("ReserveRedemptionAsync")]
    Task<Money> ReserveRedemptionAsync(string orderId, int points, string currency);

    /// <summary>Spends the reserved points (idempotent). <see cref="NotFoundException"/> when nothing was reserved.</summary>
    [Alias("ConfirmRedemptionAsync")]
    Task ConfirmRedemptionAsync(string orderId);

    /// <summary>Returns reserved points to their lots (idempotent); refuses after confirmation.</summary>
    [Alias("CancelRedemptionAsync")]
    Task CancelRedemptionAsync(string orderId);

    /// <summary>Takes back what an order earned, and its spend, when the order is refunded. Idempotent.</summary>
    [Alias("ReverseEarnForOrderAsync")]
    Task ReverseEarnForOrderAsync(string orderId);
}
