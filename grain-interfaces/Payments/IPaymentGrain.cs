using Commerce.GrainInterfaces.Common;

namespace Commerce.GrainInterfaces.Payments;

/// <summary>One payment, keyed by payment id: fraud check, gateway charge, callbacks, refunds, settlement.</summary>
/// <remarks>
/// A pending payment keeps a reminder (<see cref="IRemindable"/>) that queries the gateway until the payment
/// completes and then re-sends the outcome to the order until it is acknowledged, so the silo needs a reminder service.
/// </remarks>
[Alias("commerce.IPaymentGrain")]
public interface IPaymentGrain : IGrainWithStringKey, IRemindable
{
    /// <summary>
    /// Pays: scores fraud risk (a blocked payment never reaches the gateway), then authorizes and captures.
    /// Card and wallet complete synchronously (Captured / Declined / Blocked) unless the gateway times out
    /// (Pending, resolved by a callback or a status query); a bank transfer is Pending until its callback.
    /// Authorized (captured later, rare: the capture call did not answer) is to be treated like Pending; the
    /// listener hears the outcome of both.
    /// Idempotent per payment id: repeating the same request returns the current result; a different
    /// request under the same id is refused with <see cref="ConflictException"/> <c>payment-id-reused</c>.
    /// </summary>
    [Alias("PayAsync")]
    Task<PaymentResult> PayAsync(PaymentRequest request);

    [ReadOnly]
    [Alias("GetAsync")]
    Task<PaymentSnapshot> GetAsync();

    /// <summary>
    /// Refunds part or all of what was captured. Idempotent per refund id. Refuses
    /// (<see cref="ConflictException"/>) <c>not-refundable</c> before capture, <c>over-refund</c> when the
    /// refunds would exceed the captured amount and <c>refund-id-reused</c> for a different amount.
    /// </summary>
    [Alias("RefundAsync")]
    Task<RefundResult> RefundAsync(string refundId, Money amount, string reason);

    /// <summary>
    /// Applies a gateway callback. Only callbacks whose signature <c>PaymentCallbackVerifier</c> accepted may
    /// be passed here; duplicates (same event id) and callbacks for an already completed payment are ignored.
    /// </summary>
    [Alias("HandleCallbackAsync")]
    Task HandleCallbackAsync(GatewayCallback callback);

    /// <summary>Asks the gateway how a pending payment stands and applies the answer; returns the current result.</summary>
    [Alias("QueryGatewayStatusAsync")]
    Task<PaymentResult> QueryGatewayStatusAsync();

    /// <summary>
    /// The payment's money movements (its capture, then its refunds, oldest first) with the batch that settled
    /// each; empty before capture.
    /// </summary>
    [ReadOnly]
    [Alias("GetSettlementMovementsAsync")]
    Task<IReadOnlyList<SettlementMovement>> GetSettlementMovementsAsync();

    /// <summary>
    /// Settles the named movements in <paramref name="batchId"/>: each unsettled one is marked with it, one already
    /// in another batch is left there. Returns the named movements that are in <paramref name="batchId"/> now
    /// (so repeating the call returns the same), never a movement of another batch.
    /// </summary>
    [Alias("SettleMovementsAsync")]
    Task<IReadOnlyList<SettlementMovement>> SettleMovementsAsync(string batchId, IReadOnlyList<string> movementIds);

    /// <summary>The order was told the outcome of the pending payment; stops re-sending it.</summary>
    [Alias("AcknowledgeOutcomeAsync")]
    Task AcknowledgeOutcomeAsync();
}
