namespace Commerce.GrainInterfaces.Members;

/// <summary>Where a points redemption stands.</summary>
public enum RedemptionStatus
{
    /// <summary>Points held for a checkout in progress.</summary>
    Reserved,

    /// <summary>The order was placed; the points are spent.</summary>
    Confirmed,

    /// <summary>The checkout was abandoned; the points went back.</summary>
    Cancelled,
}
