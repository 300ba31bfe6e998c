using Commerce.GrainInterfaces.Common;

namespace Commerce.GrainInterfaces.Members;

/// <summary>A member's points, tier and benefits.</summary>
/// <param name="AvailablePoints">Points that can be reserved now (unexpired, not reserved).</param>
/// <param name="ReservedPoints">Points held by reservations awaiting confirm or cancel.</param>
/// <param name="RollingSpend">Spend within the tier window, in the settlement currency.</param>
/// <param name="Lots">Unexpired lots with points left, oldest first.</param>
[GenerateSerializer, Immutable, Alias("commerce.MemberSnapshot")]
public sealed record MemberSnapshot(
    string UserId,
    int AvailablePoints,
    int ReservedPoints,
    int ExpiredPoints,
    MemberTier Tier,
    Money RollingSpend,
    TierBenefits Benefits,
    IReadOnlyList<PointsLot> Lots,
    IReadOnlyList<PointsRedemption> Redemptions);
