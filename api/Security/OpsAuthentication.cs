using System.Net;
using Commerce.GrainInterfaces.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Commerce.Api.Security;

/// <summary>
/// The browser sign-in of the ops pages (the Orleans dashboard under <c>/dashboard</c>): a cookie scheme beside the
/// API's bearer tokens. Bearer stays the default scheme, so no API endpoint accepts the cookie; only the
/// <see cref="DashboardPolicy"/> authenticates with it. The cookie is HttpOnly, SameSite=Strict, Secure on HTTPS,
/// scoped to <c>/dashboard</c>, and short-lived; roles and account status are re-read on every request
/// (<see cref="CurrentAccountClaimsTransformation"/>), so a disabled account or a removed role is shut out at once.
/// </summary>
public static class OpsAuthentication
{
    /// <summary>The cookie authentication scheme of the ops pages.</summary>
    public const string Scheme = "OpsCookie";

    /// <summary>Authorization policy of the dashboard: the cookie, and the admin or ops role.</summary>
    public const string DashboardPolicy = "ops-dashboard";

    public const string LoginPath = "/ops/login";
    public const string LogoutPath = "/ops/logout";
    public const string DashboardPath = "/dashboard";

    internal const string CookieName = "commerce.ops";

    public static AuthenticationBuilder AddOpsCookie(this AuthenticationBuilder authentication)
    {
        authentication.Services.AddOptions<OpsOptions>().BindConfiguration(OpsOptions.Section);
        authentication.Services.AddOptions<CookieAuthenticationOptions>(Scheme).Configure<IOptions<OpsOptions>>((cookie, ops) =>
        {
            cookie.Cookie.Name = CookieName;
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.Cookie.Path = DashboardPath;
            cookie.Cookie.IsEssential = true;
            cookie.ExpireTimeSpan = ops.Value.SessionLifetime;
            cookie.SlidingExpiration = true;
            cookie.LoginPath = LoginPath;
            cookie.LogoutPath = LogoutPath;
            cookie.ReturnUrlParameter = "returnUrl";
            cookie.Events.OnRedirectToAccessDenied = context => WriteForbiddenPageAsync(context.HttpContext);
        });
        authentication.AddCookie(Scheme);
        // The sign-in and sign-out forms carry an antiforgery token; its cookie only travels to /ops.
        authentication.Services.AddAntiforgery(o =>
        {
            o.Cookie.Name = CookieName + ".af";
            o.Cookie.Path = "/ops";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        return authentication;
    }

    public static AuthorizationBuilder AddOpsPolicies(this AuthorizationBuilder authorization) => authorization
        .AddPolicy(DashboardPolicy, p => p.AddAuthenticationSchemes(Scheme).RequireRole(UserRoles.Admin, UserRoles.Ops));

    /// <summary>A signed-in person without the admin or ops role: a 403 page, not the cookie handler's redirect.</summary>
    private static Task WriteForbiddenPageAsync(HttpContext http)
    {
        var who = WebUtility.HtmlEncode(http.User.Identity?.Name ?? "this account");
        return OpsPages.WriteAsync(http, StatusCodes.Status403Forbidden, "Forbidden", $"""
            <h1>403 Forbidden</h1>
            <p id="forbidden">{who} may not open the dashboard: it needs the <code>admin</code> or <code>ops</code> role.</p>
            <p><a href="{LogoutPath}">Sign out</a></p>
            """);
    }
}

/// <summary>The ops sign-in. Bound from the <c>Ops</c> section.</summary>
public sealed class OpsOptions
{
    public const string Section = "Ops";

    /// <summary>How long a dashboard sign-in lasts without use (sliding). Default 30 minutes.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Whether the dashboard may read a grain's state (<c>/dashboard/GrainState</c>). Grain state holds personal data
    /// (accounts, addresses, orders), which the ops role must not see, so the default is false: 403.
    /// </summary>
    public bool ShowGrainState { get; set; }
}

/// <summary>The small server-rendered HTML pages of the ops sign-in: no scripts, framing refused.</summary>
internal static class OpsPages
{
    public static Task WriteAsync(HttpContext http, int status, string title, string body)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/html; charset=utf-8";
        var headers = http.Response.Headers;
        headers.CacheControl = "no-store";
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        return http.Response.WriteAsync($$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{WebUtility.HtmlEncode(title)}} · Commerce ops</title>
            <style>
            body { font-family: system-ui, sans-serif; max-width: 26rem; margin: 4rem auto; padding: 0 1rem; }
            label { display: block; margin-top: 1rem; }
            input[type=email], input[type=password] { width: 100%; padding: .4rem; box-sizing: border-box; }
            button { margin-top: 1.2rem; padding: .5rem 1.2rem; }
            .error { color: #b00020; }
            </style>
            </head>
            <body>
            {{body}}
            </body>
            </html>
            """);
    }
}
