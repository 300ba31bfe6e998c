namespace Commerce.Grains.Payments.Gateway;

/// <summary>The verdict of <see cref="PaymentCallbackVerifier"/> on one callback.</summary>
public enum CallbackVerification
{
    Valid,
    MissingOrMalformedSignature,
    Expired,
    BadSignature,
}
