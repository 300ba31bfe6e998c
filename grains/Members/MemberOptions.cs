using Commerce.GrainInterfaces.Members;

namespace Commerce.Grains.Members;

/// <summary>Loyalty points and tier rules. Money amounts are in the settlement currency (<c>PaymentOptions.SettlementCurrency</c>).</summary>
public sealed class MemberOptions
{
    /// <summary>Points earned per settlement-currency unit paid, rounded down. Default 1.</summary>
    public decimal PointsPerCurrencyUnit { get; set; } = 1m;

    /// <summary>What one point is worth at checkout, in the settlement currency. Default 0.01 (100 points = 1 unit).</summary>
    public decimal PointValue { get; set; } = 0.01m;

    /// <summary>How long a lot of points lives after it is earned. Default 365 days.</summary>
    public TimeSpan PointsLifetime { get; set; } = TimeSpan.FromDays(365);

    /// <summary>How often the expiry reminder runs. Default 1 day: lots expire by the day.</summary>
    public TimeSpan ExpiryCheckPeriod { get; set; } = TimeSpan.FromDays(1);

    /// <summary>The rolling window of spend that decides the tier. Default 365 days.</summary>
    public TimeSpan TierWindow { get; set; } = TimeSpan.FromDays(365);

    /// <summary>Most points one order may redeem. Default 1,000,000, a guard against absurd input.</summary>
    public int MaxPointsPerRedemption { get; set; } = 1_000_000;

    /// <summary>
    /// Tiers by the least rolling spend that reaches them, with their benefits. Default Bronze from 0 (no discount),
    /// Silver from 500 (2 %), Gold from 2,000 (5 %, early access), Platinum from 5,000 (8 %, early access).
    /// </summary>
    public List<TierRule> Tiers { get; set; } =
    [
        new() { Tier = MemberTier.Bronze, MinimumSpend = 0m, DiscountPercent = 0m, EarlyAccessToSales = false },
        new() { Tier = MemberTier.Silver, MinimumSpend = 500m, DiscountPercent = 2m, EarlyAccessToSales = false },
        new() { Tier = MemberTier.Gold, MinimumSpend = 2_000m, DiscountPercent = 5m, EarlyAccessToSales = true },
        new() { Tier = MemberTier.Platinum, MinimumSpend = 5_000m, DiscountPercent = 8m, EarlyAccessToSales = true },
    ];
}
