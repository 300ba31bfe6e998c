namespace Commerce.GrainInterfaces.Members;

/// <summary>Points earned by one order; they expire together. Redemption takes from the oldest lot first.</summary>
/// <param name="Remaining">Points of the lot not yet redeemed, reserved or expired.</param>
[GenerateSerializer, Immutable, Alias("commerce.PointsLot")]
public sealed record PointsLot(string OrderId, int Earned, int Remaining, DateTimeOffset EarnedAt, DateTimeOffset ExpiresAt);
