namespace Commerce.Grains.Payments.Gateway;

/// <summary>
/// The payment-method tokens (and raw test card numbers) the sandbox gateway gives special behaviour, as real
/// providers' test modes do. Any other token succeeds. A token ending in <c>_xx</c> (two letters) has issuing
/// country XX, e.g. <c>tok_visa_us</c>.
/// </summary>
public static class SandboxTestTokens
{
    /// <summary>A card that authorizes and captures.</summary>
    public const string Visa = "tok_visa";

    /// <summary>A card the issuer declines: code <c>card-declined</c>.</summary>
    public const string Declined = "tok_declined";

    /// <summary>A card without funds: code <c>insufficient-funds</c>.</summary>
    public const string InsufficientFunds = "tok_insufficient_funds";

    /// <summary>A card whose authorization times out; the gateway authorizes it anyway and says so by callback.</summary>
    public const string Timeout = "tok_timeout";

    /// <summary>A wallet that pays.</summary>
    public const string Wallet = "wallet_ok";

    /// <summary>A wallet that declines: code <c>wallet-declined</c>.</summary>
    public const string WalletDeclined = "wallet_declined";

    /// <summary>A bank account whose transfer arrives (callback: captured).</summary>
    public const string BankAccount = "bank_ok";

    /// <summary>A bank account whose transfer never arrives (callback: failed, code <c>transfer-failed</c>).</summary>
    public const string BankAccountFailing = "bank_fail";

    /// <summary>Test card numbers, as providers publish them: success, decline, insufficient funds, timeout.</summary>
    public const string CardNumberSuccess = "4242424242424242";

    public const string CardNumberDeclined = "4000000000000002";

    public const string CardNumberInsufficientFunds = "4000000000009995";

    public const string CardNumberTimeout = "4000000000000119";
}
