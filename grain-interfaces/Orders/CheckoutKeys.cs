using System.Diagnostics.CodeAnalysis;

namespace Commerce.GrainInterfaces.Orders;

/// <summary>
/// Keys of <see cref="ICheckoutGrain"/>: <c>{userId}:{idempotencyKey}</c>. The key is what makes a retried
/// checkout land on the order the first attempt placed (the grain's stored state remembers it), so changing the
/// format makes retries of earlier attempts place second orders; build and read checkout keys only here.
/// </summary>
public static class CheckoutKeys
{
    /// <summary>Shortest <c>Idempotency-Key</c> the HTTP edge accepts: 8 characters.</summary>
    public const int MinIdempotencyKeyLength = 8;

    /// <summary>Longest <c>Idempotency-Key</c> the HTTP edge accepts: 64 characters.</summary>
    public const int MaxIdempotencyKeyLength = 64;

    /// <summary>The checkout of <paramref name="userId"/> under <paramref name="idempotencyKey"/>.</summary>
    public static string For(string userId, string idempotencyKey) => $"{userId}:{idempotencyKey}";

    /// <summary>
    /// Splits a checkout key at its first ':' (user ids have none). False when either part is empty.
    /// </summary>
    public static bool TryParse(string? key, [NotNullWhen(true)] out string? userId, [NotNullWhen(true)] out string? idempotencyKey)
    {
        var separator = key?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (key is null || separator <= 0 || separator == key.Length - 1)
        {
            userId = idempotencyKey = null;
            return false;
        }
        userId = key[..separator];
        idempotencyKey = key[(separator + 1)..];
        return true;
    }

    /// <summary>
    /// An idempotency key as the HTTP edge takes it from clients: <see cref="MinIdempotencyKeyLength"/> to
    /// <see cref="MaxIdempotencyKeyLength"/> ASCII letters, digits, '-' or '_'.
    /// </summary>
    public static bool IsValidIdempotencyKey([NotNullWhen(true)] string? idempotencyKey) =>
        idempotencyKey is { Length: >= MinIdempotencyKeyLength and <= MaxIdempotencyKeyLength }
        && idempotencyKey.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
