using System.Security.Claims;
using Commerce.Api.Security;
using Commerce.GrainInterfaces.Cart;
using Commerce.GrainInterfaces.Common;
using Orleans;

namespace Commerce.Api.Apis;

/// <summary>
/// Which cart a request means: a signed-in shopper's <c>user:{userId}</c>, else the guest cart named by the
/// <c>X-Cart-Session</c> header (a client-generated random id), merged into the user's cart at sign-in.
/// </summary>
internal static class GuestCarts
{
    public const string SessionHeader = "X-Cart-Session";

    private static readonly string s_sessionRule =
        $"{CartKeys.MinGuestSessionLength} to {CartKeys.MaxGuestSessionLength} letters, digits or '-'";

    public static string CartKey(HttpContext http) =>
        http.User.UserIdOrNull() is { } userId
            ? CartKeys.ForUser(userId)
            : CartKeys.ForGuest(Session(http) ?? throw new InvalidInputException(SessionHeader, $"Sign in or send a {SessionHeader} header ({s_sessionRule})."));

    public static ICartGrain Cart(IGrainFactory grains, HttpContext http) => grains.GetGrain<ICartGrain>(CartKey(http));

    /// <summary>Merges the guest cart of the request's session into the user's cart (no-op without a session).</summary>
    public static async Task MergeAtSignInAsync(IGrainFactory grains, HttpContext http, string userId)
    {
        if (Session(http) is { } session) await grains.GetGrain<ICartGrain>(CartKeys.ForUser(userId)).MergeGuestCartAsync(session);
    }

    private static string? Session(HttpContext http)
    {
        if (!http.Request.Headers.TryGetValue(SessionHeader, out var values)) return null;
        var session = values.ToString();
        if (!CartKeys.IsValidGuestSession(session)) throw new InvalidInputException(SessionHeader, $"{SessionHeader} is {s_sessionRule}.");
        return session;
    }
}
