using Commerce.GrainInterfaces.Common;
using Commerce.GrainInterfaces.Promotions;

namespace Commerce.Grains.Promotions;

/// <summary>
/// The seam through which carts and orders apply promotions: given the priced lines, the discounts that apply.
/// Carts (price preview) and orders (placement) call the same engine, so a preview and the order it becomes agree.
/// The default is <see cref="NoPromotionEngine"/>; the promotions issue replaces it in DI.
/// </summary>
public interface IPromotionEngine
{
    /// <param name="userId">The buyer, or null for a guest.</param>
    /// <param name="subtotal">The sum of the lines, in their common currency.</param>
    ValueTask<IReadOnlyList<AppliedDiscount>> ApplyAsync(string? userId, IReadOnlyList<PricedLine> lines, Money subtotal, CancellationToken cancellationToken = default);
}
