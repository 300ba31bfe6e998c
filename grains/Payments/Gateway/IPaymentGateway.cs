using Commerce.GrainInterfaces.Payments;

namespace Commerce.Grains.Payments.Gateway;

/// <summary>
/// A payment service provider as the payment grains use it. Every charge is keyed by our payment id
/// (the idempotency key), so a charge whose answer was lost can be looked up with <see cref="GetChargeAsync"/>.
/// </summary>
public interface IPaymentGateway
{
    /// <summary>What the gateway knows of a payment method before charging it (issuing country).</summary>
    Task<PaymentMethodDetails> DescribeMethodAsync(PaymentMethodKind method, string token, CancellationToken cancellationToken = default);

    /// <summary>
    /// Authorizes a charge. Idempotent per payment id. Throws <see cref="PaymentGatewayTimeoutException"/> when the
    /// answer does not come in time: the charge may or may not exist at the gateway.
    /// </summary>
    Task<GatewayChargeResponse> AuthorizeAsync(GatewayChargeRequest request, CancellationToken cancellationToken = default);

    /// <summary>Captures an authorized charge in full. Idempotent.</summary>
    Task<GatewayChargeResponse> CaptureAsync(string paymentId, CancellationToken cancellationToken = default);

    /// <summary>The gateway's record of a charge, or null when it has none.</summary>
    Task<GatewayRecord?> GetChargeAsync(string paymentId, CancellationToken cancellationToken = default);

    /// <summary>Refunds part of a captured charge. Idempotent per refund id.</summary>
    Task<GatewayRefundResponse> RefundAsync(string paymentId, string refundId, decimal amount, CancellationToken cancellationToken = default);

    /// <summary>The gateway's records of charges created in [<paramref name="from"/>, <paramref name="to"/>), for reconciliation.</summary>
    Task<IReadOnlyList<GatewayRecord>> ListRecordsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);
}
