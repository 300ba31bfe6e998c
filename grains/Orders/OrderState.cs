using Commerce.GrainInterfaces.Common;
using Commerce.GrainInterfaces.Orders;
using Commerce.GrainInterfaces.Payments;
using Commerce.GrainInterfaces.Promotions;

namespace Commerce.Grains.Orders;

/// <summary>The persisted state of one order.</summary>
public sealed class OrderState : IProjectedState
{
    public bool Placed { get; set; }

    public string UserId { get; set; } = "";

    public string IdempotencyKey { get; set; } = "";

    public OrderStatus Status { get; set; }

    public List<OrderLine> Lines { get; set; } = [];

    /// <summary>
    /// The shipping address (recipient, phone, street) as JSON encrypted by <c>SensitiveDataProtector</c>: storage never
    /// holds it in plaintext. The grain keeps the decrypted copy in memory only.
    /// </summary>
    public string? ProtectedAddress { get; set; }

    public Money Subtotal { get; set; } = Money.Zero("EUR");

    public List<AppliedDiscount> Discounts { get; set; } = [];

    public Money PointsDiscount { get; set; } = Money.Zero("EUR");

    public int RedeemedPoints { get; set; }

    public bool PointsConfirmed { get; set; }

    public Money Total { get; set; } = Money.Zero("EUR");

    public Money Refunded { get; set; } = Money.Zero("EUR");

    public bool AllowBackorder { get; set; }

    /// <summary>SKUs accepted as backorders at placement: never reserved, allocated when stock arrives.</summary>
    public List<string> Unreserved { get; set; } = [];

    /// <summary>Stock reservations are <c>{orderId}</c> in round 0 and <c>{orderId}-r{round}</c> after (re-reservations for backorders).</summary>
    public int ReservationRound { get; set; }

    /// <summary>True once the current round's reservations were committed (stock taken from warehouses).</summary>
    public bool StockCommitted { get; set; }

    /// <summary>
    /// How many times allocated stock went back to inventory; part of each return id, so a retry of an
    /// unwind that failed before this state was written repeats the same ids and inventory ignores them.
    /// </summary>
    public int StockReturnRounds { get; set; }

    public int PaymentAttempts { get; set; }

    public string? PaymentId { get; set; }

    public PaymentStatus? PaymentStatus { get; set; }

    /// <summary>The method of the current payment attempt (resent unchanged while the attempt is pending).</summary>
    public PaymentSelection? PaymentMethod { get; set; }

    public bool Captured { get; set; }

    public ShipmentInfo? Shipment { get; set; }

    /// <summary>Carrier events already applied (deduplication of webhook retries).</summary>
    public List<string> AppliedCarrierEvents { get; set; } = [];

    public List<OrderExceptionRecord> Exceptions { get; set; } = [];

    public List<OrderTransition> History { get; set; } = [];

    /// <summary>Transitions up to this sequence were published (stream event, customer notification).</summary>
    public int PublishedSequence { get; set; }

    public DateTimeOffset PlacedAt { get; set; }

    public DateTimeOffset? PaymentExpiresAt { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }

    /// <summary>Whether the order was delivered before a later exception, return or refund (points earned).</summary>
    public bool PointsEarned { get; set; }

    /// <inheritdoc/>
    public bool ReadModelStale { get; set; }
}
