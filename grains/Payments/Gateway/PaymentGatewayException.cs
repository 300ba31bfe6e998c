namespace Commerce.Grains.Payments.Gateway;

/// <summary>The gateway refused an operation outright (unknown charge, refund beyond the captured amount).</summary>
public sealed class PaymentGatewayException(string code, string message) : Exception(message)
{
    /// <summary>The gateway's error code, e.g. <c>no-such-charge</c>.</summary>
    public string Code { get; } = code;
}
