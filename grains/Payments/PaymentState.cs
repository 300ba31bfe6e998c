using Commerce.GrainInterfaces.Common;
using Commerce.GrainInterfaces.Payments;

namespace Commerce.Grains.Payments;

/// <summary>The persisted state of one payment.</summary>
public sealed class PaymentState
{
    /// <summary>The request that created the payment; null until <c>PayAsync</c>.</summary>
    public PaymentRequest? Request { get; set; }

    public PaymentStatus? Status { get; set; }

    public string? Reason { get; set; }

    public RiskAssessment? Risk { get; set; }

    public string? GatewayReference { get; set; }

    public decimal Captured { get; set; }

    public decimal Refunded { get; set; }

    public Money? SettlementAmount { get; set; }

    /// <summary>The settlement batch of the capture; null while unsettled.</summary>
    public string? SettlementBatchId { get; set; }

    /// <summary>The settlement batch of each settled refund, by refund id; an unsettled refund is absent.</summary>
    public Dictionary<string, string> RefundBatchIds { get; set; } = new(StringComparer.Ordinal);

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? CapturedAt { get; set; }

    /// <summary>PayAsync answered Pending; the order waits to be told the outcome.</summary>
    public bool AwaitingOutcome { get; set; }

    /// <summary>The outcome was sent to the order, which has not acknowledged it yet.</summary>
    public bool OutcomeUnacknowledged { get; set; }

    public List<RefundRecord> Refunds { get; set; } = [];

    public List<PaymentStatusChange> History { get; set; } = [];

    /// <summary>Callback events applied, newest last, to ignore duplicate deliveries.</summary>
    public List<string> HandledEventIds { get; set; } = [];
}
