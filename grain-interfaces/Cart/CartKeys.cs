using System.Diagnostics.CodeAnalysis;

namespace Commerce.GrainInterfaces.Cart;

/// <summary>
/// Keys of <see cref="ICartGrain"/>: <c>user:{userId}</c> for a signed-in shopper, <c>guest:{sessionId}</c> for a
/// guest. The key is where the cart's state is stored and what checkout and sign-in use to find it: changing the
/// format orphans every stored cart, so build and read cart keys only here.
/// </summary>
public static class CartKeys
{
    public const string UserPrefix = "user:";
    public const string GuestPrefix = "guest:";

    /// <summary>Shortest guest session id the HTTP edge accepts (a client-generated random id): 16 characters.</summary>
    public const int MinGuestSessionLength = 16;

    /// <summary>Longest guest session id the HTTP edge accepts: 64 characters.</summary>
    public const int MaxGuestSessionLength = 64;

    /// <summary>The cart of a signed-in shopper.</summary>
    public static string ForUser(string userId) => UserPrefix + userId;

    /// <summary>The cart of a guest session.</summary>
    public static string ForGuest(string sessionId) => GuestPrefix + sessionId;

    /// <summary>Whether <paramref name="key"/> is <c>user:{something}</c> or <c>guest:{something}</c>.</summary>
    public static bool IsValid(string? key) => IsUserCart(key, out _) || IsGuestCart(key);

    /// <summary>Whether <paramref name="key"/> is a shopper's cart, and whose.</summary>
    public static bool IsUserCart(string? key, [NotNullWhen(true)] out string? userId)
    {
        userId = key is not null && key.Length > UserPrefix.Length && key.StartsWith(UserPrefix, StringComparison.Ordinal) ? key[UserPrefix.Length..] : null;
        return userId is not null;
    }

    /// <summary>Whether <paramref name="key"/> is a guest's cart.</summary>
    public static bool IsGuestCart(string? key) =>
        key is not null && key.Length > GuestPrefix.Length && key.StartsWith(GuestPrefix, StringComparison.Ordinal);

    /// <summary>
    /// A guest session id as the HTTP edge takes it from clients: <see cref="MinGuestSessionLength"/> to
    /// <see cref="MaxGuestSessionLength"/> ASCII letters, digits or '-' (a GUID fits, with or without dashes).
    /// </summary>
    public static bool IsValidGuestSession([NotNullWhen(true)] string? sessionId) =>
        sessionId is { Length: >= MinGuestSessionLength and <= MaxGuestSessionLength } && sessionId.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');
}
