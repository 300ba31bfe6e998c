using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Commerce.GrainInterfaces.Webhooks;

namespace Commerce.Grains.Payments.Gateway;

/// <summary>
/// The callback signature scheme: header <c>t={unix seconds},v1={hex HMAC-SHA256}</c> where the MAC covers
/// <c>"{t}.{body}"</c>, so the timestamp cannot be changed without breaking the signature.
/// </summary>
public static class PaymentCallbackSignature
{
    /// <summary>The HTTP header the signature travels in.</summary>
    public const string HeaderName = WebhookSignatureHeaders.Payment;

    /// <summary>The signature header for <paramref name="body"/> sent at <paramref name="timestamp"/>.</summary>
    public static string CreateHeader(string secret, DateTimeOffset timestamp, string body)
    {
        var seconds = timestamp.ToUnixTimeSeconds();
        return $"t={seconds.ToString(CultureInfo.InvariantCulture)},v1={Convert.ToHexStringLower(Compute(secret, seconds, body))}";
    }

    /// <summary>The MAC over <c>"{timestamp}.{body}"</c>.</summary>
    public static byte[] Compute(string secret, long unixSeconds, string body) =>
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{unixSeconds.ToString(CultureInfo.InvariantCulture)}.{body}"));
}
