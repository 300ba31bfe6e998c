using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Commerce.GrainInterfaces.Logistics;
using Commerce.GrainInterfaces.Webhooks;
using Microsoft.Extensions.Options;

namespace Commerce.Grains.Logistics;

/// <summary>
/// Signs and checks carrier webhooks. The signature header is <c>t={unix seconds},v1={hex HMAC-SHA256}</c> over
/// <c>{t}.{body}</c> with the shared secret; a forged, altered, unsigned or stale (outside
/// <see cref="CarrierWebhookOptions.Tolerance"/>) webhook is refused. The API's webhook endpoint passes the raw body
/// and the <see cref="SignatureHeader"/> header to <c>IWebhookIntakeGrain</c>, which checks them here before anything
/// reaches a shipment grain.
/// </summary>
public sealed class CarrierWebhookVerifier(IOptions<CarrierWebhookOptions> options, TimeProvider clock)
{
    /// <summary>The HTTP header that carries the signature.</summary>
    public const string SignatureHeader = WebhookSignatureHeaders.Carrier;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private readonly CarrierWebhookOptions _options = options.Value;

    /// <summary>The JSON body a carrier sends for <paramref name="carrierEvent"/>.</summary>
    public static string Serialize(CarrierEvent carrierEvent) => JsonSerializer.Serialize(carrierEvent, Json);

    /// <summary>The signature header value for <paramref name="body"/> sent at <paramref name="at"/>.</summary>
    public string Sign(string body, DateTimeOffset at)
    {
        var timestamp = at.ToUnixTimeSeconds();
        return $"t={timestamp.ToString(CultureInfo.InvariantCulture)},v1={Convert.ToHexStringLower(Mac(timestamp, body))}";
    }

    public CarrierWebhookVerification Verify(string body, string? signatureHeader)
    {
        if (string.IsNullOrEmpty(body)) return CarrierWebhookVerification.Refuse("empty-body");
        if (string.IsNullOrWhiteSpace(signatureHeader)) return CarrierWebhookVerification.Refuse("missing-signature");

        long? timestamp = null;
        byte[]? signature = null;
        foreach (var part in signatureHeader.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.StartsWith("t=", StringComparison.Ordinal) && long.TryParse(part[2..], NumberStyles.None, CultureInfo.InvariantCulture, out var t)) timestamp = t;
            else if (part.StartsWith("v1=", StringComparison.Ordinal)) signature = TryHex(part[3..]);
        }
        if (timestamp is null || signature is null) return CarrierWebhookVerification.Refuse("malformed-signature");

        var age = clock.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(timestamp.Value);
        if (age.Duration() > _options.Tolerance) return CarrierWebhookVerification.Refuse("stale-timestamp");
        if (!CryptographicOperations.FixedTimeEquals(signature, Mac(timestamp.Value, body))) return CarrierWebhookVerification.Refuse("bad-signature");

        CarrierEvent? carrierEvent;
        try
        {
            carrierEvent = JsonSerializer.Deserialize<CarrierEvent>(body, Json);
        }
        catch (JsonException)
        {
            return CarrierWebhookVerification.Refuse("malformed-body");
        }
        if (carrierEvent is null || string.IsNullOrWhiteSpace(carrierEvent.EventId) || string.IsNullOrWhiteSpace(carrierEvent.TrackingNumber)
            || !Enum.IsDefined(carrierEvent.Kind))
        {
            return CarrierWebhookVerification.Refuse("malformed-body");
        }
        return new CarrierWebhookVerification(true, null, carrierEvent);
    }

    private byte[] Mac(long timestamp, string body) =>
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(_options.Secret), Encoding.UTF8.GetBytes($"{timestamp.ToString(CultureInfo.InvariantCulture)}.{body}"));

    private static byte[]? TryHex(string value)
    {
        try
        {
            return Convert.FromHexString(value);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
