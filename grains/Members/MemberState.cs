using Commerce.GrainInterfaces.Common;
using Commerce.GrainInterfaces.Members;

namespace Commerce.Grains.Members;

/// <summary>A member's points lots (oldest first), redemptions by order and expiry bookkeeping.</summary>
public sealed class MemberState
{
    public List<LotState> Lots { get; set; } = [];

    public Dictionary<string, RedemptionState> Redemptions { get; set; } = new(StringComparer.Ordinal);

    public int ExpiredPoints { get; set; }

    public bool ExpiryReminderRegistered { get; set; }

    /// <summary>Points an order earned, and the spend it counts toward the tier.</summary>
    public sealed class LotState
    {
        public string OrderId { get; set; } = "";

        public int Earned { get; set; }

        public int Remaining { get; set; }

        public int Expired { get; set; }

        public decimal Spend { get; set; }

        public DateTimeOffset EarnedAt { get; set; }

        public DateTimeOffset ExpiresAt { get; set; }

        /// <summary>The order was refunded: no points, no spend.</summary>
        public bool Reversed { get; set; }
    }

    /// <summary>Points held or spent for one order and the lots they came from.</summary>
    public sealed class RedemptionState
    {
        public int Points { get; set; }

        public Money Discount { get; set; } = Money.Zero("EUR");

        public RedemptionStatus Status { get; set; }

        public DateTimeOffset At { get; set; }

        /// <summary>Order id of the lot -> points taken from it.</summary>
        public Dictionary<string, int> TakenFrom { get; set; } = new(StringComparer.Ordinal);
    }
}
