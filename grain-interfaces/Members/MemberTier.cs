namespace Commerce.GrainInterfaces.Members;

/// <summary>Membership tiers, by rolling spend.</summary>
public enum MemberTier
{
    Bronze,
    Silver,
    Gold,
    Platinum,
}
