using Commerce.GrainInterfaces.Common;
using Commerce.GrainInterfaces.Payments;

namespace Commerce.Grains.Payments;

/// <summary>The persisted state of one payment.</summary>
[GenerateSerializer, Alias("commerce.state.PaymentState")]
public sealed class PaymentState
{
    /// <summary>The request that created the payment; null until <c>PayAsync</c>.</summary>
    [Id(0)]
    public PaymentRequest? Request { get; set; }

    [Id(1)]
    public PaymentStatus? Status { get; set; }

    [Id(2)]
    public string? Reason { get; set; }

    [Id(3)]
    public RiskAssessment? Risk { get; set; }

    [Id(4)]
    public string? GatewayReference { get; set; }

    [Id(5)]
    public decimal Captured { get; set; }

    [Id(6)]
    public decimal Refunded { get; set; }

    [Id(7)]
    public Money? SettlementAmount { get; set; }

    /// <summary>The settlement batch of the capture; null while unsettled.</summary>
    [Id(8)]
    public string? SettlementBatchId { get; set; }

    /// <summary>The settlement batch of each settled refund, by refund id; an unsettled refund is absent.</summary>
    [Id(9)]
    public Dictionary<string, string> RefundBatchIds { get; set; } = new(StringComparer.Ordinal);

    [Id(10)]
    public DateTimeOffset CreatedAt { get; set; }

    [Id(11)]
    public DateTimeOffset UpdatedAt { get; set; }

    [Id(12)]
    public DateTimeOffset? CapturedAt { get; set; }

    /// <summary>PayAsync answered Pending; the order waits to be told the outcome.</summary>
    [Id(13)]
    public bool AwaitingOutcome { get; set; }

    /// <summary>The outcome was sent to the order, which has not acknowledged it yet.</summary>
    [Id(14)]
    public bool OutcomeUnacknowledged { get; set; }

    [Id(15)]
    public List<RefundRecord> Refunds { get; set; } = [];

    [Id(16)]
    public List<PaymentStatusChange> History { get; set; } = [];

    /// <summary>Callback events applied, newest last, to ignore duplicate deliveries.</summary>
    [Id(17)]
    public List<string> HandledEventIds { get; set; } = [];
}
