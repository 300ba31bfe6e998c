using Commerce.GrainInterfaces.Common;
using Commerce.GrainInterfaces.Promotions;

namespace Commerce.Grains.Promotions;

/// <summary>Lines priced at current product prices with promotions applied. Unavailable lines are priced but not counted.</summary>
public sealed record PriceQuote(IReadOnlyList<QuotedLine> Lines, Money Subtotal, IReadOnlyList<AppliedDiscount> Discounts, Money Total)
{
    public IEnumerable<QuotedLine> Unavailable => Lines.Where(l => !l.Available);
}
