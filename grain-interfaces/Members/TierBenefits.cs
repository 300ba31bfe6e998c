namespace Commerce.GrainInterfaces.Members;

/// <summary>What a tier gives: a percentage off orders and early access to sales.</summary>
[GenerateSerializer, Immutable, Alias("commerce.TierBenefits")]
public sealed record TierBenefits(MemberTier Tier, decimal DiscountPercent, bool EarlyAccessToSales);
