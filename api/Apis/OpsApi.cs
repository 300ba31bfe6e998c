using System.Net;
using Commerce.Api.Security;
using Commerce.GrainInterfaces.Users;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.Options;
using Orleans.Dashboard;

namespace Commerce.Api.Apis;

/// <summary>
/// The ops surface for people with a browser: the Orleans dashboard under <c>/dashboard</c> (admin and ops roles,
/// cookie sign-in) and its sign-in pages <c>/ops/login</c> and <c>/ops/logout</c>. None of it is in the OpenAPI document.
/// </summary>
public static class OpsApi
{
    private const int MaxEmailLength = 254;
    private const int MaxPasswordLength = 1024;

    /// <summary>
    /// The dashboard's services in this host. The embedded silo already has them (SiloComposition); a cluster client adds
    /// the client side, which asks the silos' dashboard grains. The live log stream (<c>/dashboard/Trace</c>) is off unless
    /// <c>Dashboard:HideTrace=false</c>: logs may carry personal data.
    /// </summary>
    public static WebApplicationBuilder AddOpsDashboard(this WebApplicationBuilder builder, bool embedded)
    {
        if (!embedded) builder.UseOrleansClient(client => client.AddDashboard());
        var hideTrace = builder.Configuration.GetValue("Dashboard:HideTrace", true);
        builder.Services.Configure<DashboardOptions>(o =>
        {
            builder.Configuration.GetSection("Dashboard").Bind(o);
            o.HideTrace = hideTrace;
        });
        return builder;
    }

    public static IEndpointRouteBuilder MapOpsApi(this IEndpointRouteBuilder routes)
    {
        var ops = routes.MapGroup("/ops").ExcludeFromDescription();
        ops.MapGet("/login", LoginPageAsync);
        // Password guessing: the same per-client budget as POST /auth/login.
        ops.MapPost("/login", LoginAsync).RequireRateLimiting(ClientRateLimiting.AuthPolicy);
        ops.MapGet("/logout", LogoutPageAsync);
        ops.MapPost("/logout", LogoutAsync);

        var dashboard = routes.MapOrleansDashboard(routePrefix: OpsAuthentication.DashboardPath)
            .RequireAuthorization(OpsAuthentication.DashboardPolicy)
            .ExcludeFromDescription();
        dashboard.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            http.Response.Headers.XFrameOptions = "DENY";
            http.Response.Headers.XContentTypeOptions = "nosniff";
            if (IsGrainState(http) && !http.RequestServices.GetRequiredService<IOptions<OpsOptions>>().Value.ShowGrainState)
                return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
                    detail: "Reading grain state from the dashboard is disabled (it holds personal data); see Ops:ShowGrainState.");
            return await next(context);
        });
        return routes;
    }

    internal static Task LoginPageAsync(HttpContext http, IAntiforgery antiforgery, string? returnUrl) =>
        WriteLoginPageAsync(http, antiforgery, StatusCodes.Status200OK, email: "", SafeReturnUrl(returnUrl), error: null);

    internal static async Task LoginAsync(HttpContext http, IAntiforgery antiforgery, IGrainFactory grains)
    {
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var email = form["email"].ToString();
        var password = form["password"].ToString();
        var returnUrl = SafeReturnUrl(form["returnUrl"].ToString());
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            await WriteLoginPageAsync(http, antiforgery, StatusCodes.Status400BadRequest, email, returnUrl, "The form expired; please sign in again.");
            return;
        }

        // The same check as POST /auth/login: the e-mail directory, then the account's own password check (which
        // refuses disabled and locked accounts and counts failures towards the lockout).
        UserProfile? profile = null;
        if (email.Length is > 0 and <= MaxEmailLength && password.Length is > 0 and <= MaxPasswordLength
            && await grains.GetGrain<IUserDirectoryGrain>(UserEmail.Normalize(email)).GetUserIdAsync() is { } userId)
        {
            profile = await grains.GetGrain<IUserGrain>(userId).VerifyPasswordAsync(password);
        }

        if (profile is null)
        {
            await WriteLoginPageAsync(http, antiforgery, StatusCodes.Status401Unauthorized, email, returnUrl, "Wrong e-mail or password, or the account cannot sign in.");
            return;
        }

        var principal = ClaimsPrincipalExtensions.ForUser(profile.UserId, profile.Email, profile.Roles, OpsAuthentication.Scheme);
        await http.SignInAsync(OpsAuthentication.Scheme, principal, new AuthenticationProperties { IsPersistent = false });
        http.Response.Redirect(returnUrl);
    }

    internal static Task LogoutPageAsync(HttpContext http, IAntiforgery antiforgery)
    {
        var token = antiforgery.GetAndStoreTokens(http);
        return OpsPages.WriteAsync(http, StatusCodes.Status200OK, "Sign out", $"""
            <h1>Sign out</h1>
            <form method="post" action="{OpsAuthentication.LogoutPath}">
            <input type="hidden" name="{WebUtility.HtmlEncode(token.FormFieldName)}" value="{WebUtility.HtmlEncode(token.RequestToken)}">
            <button type="submit" id="sign-out">Sign out of the dashboard</button>
            </form>
            """);
    }

    internal static async Task LogoutAsync(HttpContext http, IAntiforgery antiforgery)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            await LogoutPageAsync(http, antiforgery);
            return;
        }

        await http.SignOutAsync(OpsAuthentication.Scheme);
        http.Response.Redirect(OpsAuthentication.LoginPath);
    }

    private static Task WriteLoginPageAsync(HttpContext http, IAntiforgery antiforgery, int status, string email, string returnUrl, string? error)
    {
        var token = antiforgery.GetAndStoreTokens(http);
        var message = error is null ? "" : $"""<p class="error" id="login-error" role="alert">{WebUtility.HtmlEncode(error)}</p>""";
        return OpsPages.WriteAsync(http, status, "Sign in", $"""
            <h1>Commerce ops sign-in</h1>
            <p>The cluster dashboard is for the <code>admin</code> and <code>ops</code> roles.</p>
            {message}
            <form method="post" action="{OpsAuthentication.LoginPath}">
            <input type="hidden" name="{WebUtility.HtmlEncode(token.FormFieldName)}" value="{WebUtility.HtmlEncode(token.RequestToken)}">
            <input type="hidden" name="returnUrl" value="{WebUtility.HtmlEncode(returnUrl)}">
            <label for="email">E-mail</label>
            <input type="email" id="email" name="email" autocomplete="username" required maxlength="{MaxEmailLength}" value="{WebUtility.HtmlEncode(email)}">
            <label for="password">Password</label>
            <input type="password" id="password" name="password" autocomplete="current-password" required>
            <button type="submit" id="sign-in">Sign in</button>
            </form>
            """);
    }

    /// <summary>Only a path of the dashboard itself: anything else (another site, <c>//host</c>, <c>/\host</c>) goes to the dashboard.</summary>
    internal static string SafeReturnUrl(string? returnUrl)
    {
        const string home = OpsAuthentication.DashboardPath + "/";
        if (string.IsNullOrEmpty(returnUrl) || returnUrl.Contains('\\') || returnUrl.Any(char.IsControl)) return home;
        var path = returnUrl.Split('?', '#')[0];
        return path == OpsAuthentication.DashboardPath || path.StartsWith(home, StringComparison.Ordinal) ? returnUrl : home;
    }

    private static bool IsGrainState(HttpContext http) =>
        http.GetEndpoint() is RouteEndpoint { RoutePattern: var pattern } && pattern.RawText is { } raw
        && raw.TrimEnd('/').EndsWith("/GrainState", StringComparison.OrdinalIgnoreCase);
}
