namespace Commerce.Grains.Payments.Gateway;

/// <summary>The gateway did not answer in time; the operation's outcome is unknown until a callback or a status query.</summary>
public sealed class PaymentGatewayTimeoutException(string paymentId)
    : Exception($"The payment gateway did not answer in time for payment '{paymentId}'; its outcome is unknown.")
{
    public string PaymentId { get; } = paymentId;
}
