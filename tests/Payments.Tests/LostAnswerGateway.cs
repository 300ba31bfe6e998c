using Commerce.GrainInterfaces.Payments;
using Commerce.Grains.Payments.Gateway;

namespace Commerce.Payments.Tests;

/// <summary>The sandbox, except that every authorization's answer is lost on the way back (the charge exists).</summary>
public sealed class LostAnswerGateway(SandboxPaymentGateway inner) : IPaymentGateway
{
    public Task<PaymentMethodDetails> DescribeMethodAsync(PaymentMethodKind method, string token, CancellationToken cancellationToken = default) =>
        inner.DescribeMethodAsync(method, token, cancellationToken);

    public async Task<GatewayChargeResponse> AuthorizeAsync(GatewayChargeRequest request, CancellationToken cancellationToken = default)
    {
        await inner.AuthorizeAsync(request, cancellationToken);
        throw new IOException("Connection reset by peer.");
    }

    public Task<GatewayChargeResponse> CaptureAsync(string paymentId, CancellationToken cancellationToken = default) => inner.CaptureAsync(paymentId, cancellationToken);

    public Task<GatewayRecord?> GetChargeAsync(string paymentId, CancellationToken cancellationToken = default) => inner.GetChargeAsync(paymentId, cancellationToken);

    public Task<GatewayRefundResponse> RefundAsync(string paymentId, string refundId, decimal amount, CancellationToken cancellationToken = default) =>
        inner.RefundAsync(paymentId, refundId, amount, cancellationToken);

    public Task<IReadOnlyList<GatewayRecord>> ListRecordsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) =>
        inner.ListRecordsAsync(from, to, cancellationToken);
}
