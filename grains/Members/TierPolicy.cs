using Commerce.GrainInterfaces.Members;

namespace Commerce.Grains.Members;

/// <summary>Which tier a rolling spend reaches: the highest rule whose minimum it meets. Pure.</summary>
public static class TierPolicy
{
    public static TierBenefits For(decimal rollingSpend, IReadOnlyList<TierRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var rule = rules.Where(r => rollingSpend >= r.MinimumSpend).MaxBy(r => r.MinimumSpend)
            ?? throw new InvalidOperationException("No tier rule covers a spend of " + rollingSpend + "; the lowest tier must start at 0.");
        return new TierBenefits(rule.Tier, rule.DiscountPercent, rule.EarlyAccessToSales);
    }
}
