using Commerce.GrainInterfaces.Common;
using Commerce.Runtime;

namespace Commerce.GrainInterfaces.Payments;

/// <summary>One payment, keyed by payment id: fraud check, gateway charge, callbacks, refunds, settlement.</summary>
/// <remarks>
/// A pending payment keeps a reminder (<see cref="IRemindable"/>) that queries the gateway until the payment
/// completes and then re-sends the outcome to the order until it is acknowledged, so the silo needs a reminder service.
/// </remarks>
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
    Task<PaymentResult> PayAsync(PaymentRequest request);

    [ReadOnly]
    Task<PaymentSnapshot> GetAsync();

    /// <summary>
    /// Refunds part or all of what was captured. Idempotent per refund id. Refuses
    /// (<see cref="ConflictException"/>) <c>not-refundable</c> before capture, <c>over-refund</c> when the
    /// refunds would exceed the captured amount and <c>refund-id-reused</c> for a different amount.
    /// </summary>
    Task<RefundResult> RefundAsync(string refundId, Money amount, string reason);

    /// <summary>
    /// Applies a gateway callback. Only callbacks whose signature <c>PaymentCallbackVerifier</c> accepted may
    /// be passed here; duplicates (same event id) and callbacks for an already completed payment are ignored.
    /// </summary>
    Task HandleCallbackAsync(GatewayCallback callback);

    /// <summary>Asks the gateway how a pending payment stands and applies the answer; returns the current result.</summary>
    Task<PaymentResult> QueryGatewayStatusAsync();

    /// <summary>Marks a captured payment settled in <paramref name="batchId"/>; false when it is not settleable or already settled.</summary>
    Task<bool> MarkSettledAsync(string batchId);

    /// <summary>The order was told the outcome of the pending payment; stops re-sending it.</summary>
    Task AcknowledgeOutcomeAsync();
}
