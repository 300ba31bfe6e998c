using Commerce.GrainInterfaces.Common;

namespace Commerce.GrainInterfaces.Members;

/// <summary>Points reserved for (or redeemed on) one order and the discount they bought.</summary>
[GenerateSerializer, Immutable, Alias("commerce.PointsRedemption")]
public sealed record PointsRedemption(string OrderId, int Points, Money Discount, RedemptionStatus Status, DateTimeOffset At);
