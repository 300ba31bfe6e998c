using Commerce.GrainInterfaces.Common;
using Commerce.GrainInterfaces.Orders;
using Commerce.GrainInterfaces.Payments;
using Commerce.GrainInterfaces.Promotions;

namespace Commerce.Grains.Orders;

/// <summary>The persisted state of one order.</summary>
[GenerateSerializer, Alias("commerce.state.OrderState")]
public sealed class OrderState : IProjectedState
{
    [Id(0)]
    public bool Placed { get; set; }

    [Id(1)]
    public string UserId { get; set; } = "";

    [Id(2)]
    public string IdempotencyKey { get; set; } = "";

    [Id(3)]
    public OrderStatus Status { get; set; }

    [Id(4)]
    public List<OrderLine> Lines { get; set; } = [];

    /// <summary>
    /// The shipping address (recipient, phone, street) as JSON encrypted by <c>SensitiveDataProtector</c>: storage never
    /// holds it in plaintext. The grain keeps the decrypted copy in memory only.
    /// </summary>
    [Id(5)]
    public string? ProtectedAddress { get; set; }

    [Id(6)]
    public Money Subtotal { get; set; } = Money.Zero("EUR");

    [Id(7)]
    public List<AppliedDiscount> Discounts { get; set; } = [];

    [Id(8)]
    public Money PointsDiscount { get; set; } = Money.Zero("EUR");

    [Id(9)]
    public int RedeemedPoints { get; set; }

    [Id(10)]
    public bool PointsConfirmed { get; set; }

    [Id(11)]
    public Money Total { get; set; } = Money.Zero("EUR");

    [Id(12)]
    public Money Refunded { get; set; } = Money.Zero("EUR");

    [Id(13)]
    public bool AllowBackorder { get; set; }

    /// <summary>SKUs accepted as backorders at placement: never reserved, allocated when stock arrives.</summary>
    [Id(14)]
    public List<string> Unreserved { get; set; } = [];

    /// <summary>Stock reservations are <c>{orderId}</c> in round 0 and <c>{orderId}-r{round}</c> after (re-reservations for backorders).</summary>
    [Id(15)]
    public int ReservationRound { get; set; }

    /// <summary>True once the current round's reservations were committed (stock taken from warehouses).</summary>
    [Id(16)]
    public bool StockCommitted { get; set; }

    /// <summary>
    /// How many times allocated stock went back to inventory; part of each return id, so a retry of an
    /// unwind that failed before this state was written repeats the same ids and inventory ignores them.
    /// </summary>
    [Id(17)]
    public int StockReturnRounds { get; set; }

    [Id(18)]
    public int PaymentAttempts { get; set; }

    [Id(19)]
    public string? PaymentId { get; set; }

    [Id(20)]
    public PaymentStatus? PaymentStatus { get; set; }

    /// <summary>The method of the current payment attempt (resent unchanged while the attempt is pending).</summary>
    [Id(21)]
    public PaymentSelection? PaymentMethod { get; set; }

    [Id(22)]
    public bool Captured { get; set; }

    [Id(23)]
    public ShipmentInfo? Shipment { get; set; }

    /// <summary>Carrier events already applied (deduplication of webhook retries).</summary>
    [Id(24)]
    public List<string> AppliedCarrierEvents { get; set; } = [];

    [Id(25)]
    public List<OrderExceptionRecord> Exceptions { get; set; } = [];

    [Id(26)]
    public List<OrderTransition> History { get; set; } = [];

    /// <summary>Transitions up to this sequence were published (stream event, customer notification).</summary>
    [Id(27)]
    public int PublishedSequence { get; set; }

    [Id(28)]
    public DateTimeOffset PlacedAt { get; set; }

    [Id(29)]
    public DateTimeOffset? PaymentExpiresAt { get; set; }

    [Id(30)]
    public DateTimeOffset? DeliveredAt { get; set; }

    /// <summary>Whether the order was delivered before a later exception, return or refund (points earned).</summary>
    [Id(31)]
    public bool PointsEarned { get; set; }

    /// <inheritdoc/>
    [Id(32)]
    public bool ReadModelStale { get; set; }
}
