namespace Commerce.Grains.Payments.Gateway;

/// <summary>What became of a delivered callback. The HTTP edge answers 200 to Accepted, 400 to the rest.</summary>
public enum WebhookOutcome
{
    /// <summary>Signature valid; the payment grain applied it (or ignored it as a duplicate).</summary>
    Accepted,

    /// <summary>No or unparsable signature header.</summary>
    MissingOrMalformedSignature,

    /// <summary>The timestamp is outside the tolerance: a replay or a badly skewed clock.</summary>
    Expired,

    /// <summary>The signature does not match the body: forged or tampered.</summary>
    BadSignature,

    /// <summary>Signed correctly but the body is not a callback we understand.</summary>
    MalformedBody,
}
