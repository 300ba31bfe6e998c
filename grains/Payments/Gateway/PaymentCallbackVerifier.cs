using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Commerce.Grains.Payments.Gateway;

/// <summary>
/// Checks a gateway callback's signature before anything acts on it: the header must parse, its timestamp
/// must be within <see cref="PaymentCallbackOptions.Tolerance"/> of now (an old callback replayed is refused;
/// a replay inside the window is a duplicate event, which the payment grain ignores), and the MAC must match,
/// compared in constant time so timing reveals nothing about the expected value.
/// </summary>
public sealed class PaymentCallbackVerifier(IOptions<PaymentCallbackOptions> options, TimeProvider clock)
{
    private const int MacLength = 32;

    public CallbackVerification Verify(string body, string? signatureHeader)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (!TryParse(signatureHeader, out var seconds, out var signatures)) return CallbackVerification.MissingOrMalformedSignature;

        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        if (Math.Abs(now - seconds) > (long)options.Value.Tolerance.TotalSeconds) return CallbackVerification.Expired;

        var expected = PaymentCallbackSignature.Compute(options.Value.Secret, seconds, body);
        var valid = false;
        // Every candidate is compared (no early exit), as providers send several v1 values while rotating secrets.
        foreach (var signature in signatures) valid |= CryptographicOperations.FixedTimeEquals(expected, signature);
        return valid ? CallbackVerification.Valid : CallbackVerification.BadSignature;
    }

    private static bool TryParse(string? header, out long seconds, out List<byte[]> signatures)
    {
        seconds = 0;
        signatures = [];
        if (string.IsNullOrWhiteSpace(header)) return false;
        var haveTimestamp = false;
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=');
            if (eq <= 0) return false;
            var key = part[..eq];
            var value = part[(eq + 1)..];
            if (key == "t")
            {
                if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out seconds)) return false;
                haveTimestamp = true;
            }
            else if (key == "v1")
            {
                if (value.Length != MacLength * 2) return false;
                try
                {
                    signatures.Add(Convert.FromHexString(value));
                }
                catch (FormatException)
                {
                    return false;
                }
            }
        }
        return haveTimestamp && signatures.Count > 0;
    }
}
