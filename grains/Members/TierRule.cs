using Commerce.GrainInterfaces.Members;

namespace Commerce.Grains.Members;

/// <summary>One tier: the rolling spend that reaches it and what it gives.</summary>
public sealed class TierRule
{
    public MemberTier Tier { get; set; }

    public decimal MinimumSpend { get; set; }

    public decimal DiscountPercent { get; set; }

    public bool EarlyAccessToSales { get; set; }
}
