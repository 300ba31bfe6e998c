using Commerce.GrainInterfaces.Common;
using Commerce.GrainInterfaces.Members;

namespace Commerce.Grains.Members;

/// <summary>A member's points lots (oldest first), redemptions by order and expiry bookkeeping.</summary>
[GenerateSerializer, Alias("commerce.state.MemberState")]
public sealed class MemberState
{
    [Id(0)]
    public List<LotState> Lots { get; set; } = [];

    [Id(1)]
    public Dictionary<string, RedemptionState> Redemptions { get; set; } = new(StringComparer.Ordinal);

    [Id(2)]
    public int ExpiredPoints { get; set; }

    [Id(3)]
    public bool ExpiryReminderRegistered { get; set; }

    /// <summary>Points an order earned, and the spend it counts toward the tier.</summary>
    [GenerateSerializer, Alias("commerce.state.LotState")]
    public sealed class LotState
    {
        [Id(0)]
        public string OrderId { get; set; } = "";

        [Id(1)]
        public int Earned { get; set; }

        [Id(2)]
        public int Remaining { get; set; }

        [Id(3)]
        public int Expired { get; set; }

        [Id(4)]
        public decimal Spend { get; set; }

        [Id(5)]
        public DateTimeOffset EarnedAt { get; set; }

        [Id(6)]
        public DateTimeOffset ExpiresAt { get; set; }

        /// <summary>The order was refunded: no points, no spend.</summary>
        [Id(7)]
        public bool Reversed { get; set; }
    }

    /// <summary>Points held or spent for one order and the lots they came from.</summary>
    [GenerateSerializer, Alias("commerce.state.RedemptionState")]
    public sealed class RedemptionState
    {
        [Id(0)]
        public int Points { get; set; }

        [Id(1)]
        public Money Discount { get; set; } = Money.Zero("EUR");

        [Id(2)]
        public RedemptionStatus Status { get; set; }

        [Id(3)]
        public DateTimeOffset At { get; set; }

        /// <summary>Order id of the lot -> points taken from it.</summary>
        [Id(4)]
        public Dictionary<string, int> TakenFrom { get; set; } = new(StringComparer.Ordinal);
    }
}
