using Commerce.GrainInterfaces.Common;
using Commerce.GrainInterfaces.Promotions;

namespace Commerce.Grains.Promotions;

/// <summary>No promotions: every price is the list price. The default until a promotions engine is registered.</summary>
public sealed class NoPromotionEngine : IPromotionEngine
{
    public ValueTask<IReadOnlyList<AppliedDiscount>> ApplyAsync(string? userId, IReadOnlyList<PricedLine> lines, Money subtotal, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<IReadOnlyList<AppliedDiscount>>([]);
}
