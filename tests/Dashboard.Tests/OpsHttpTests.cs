using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using FluentAssertions;
using Xunit;

namespace Commerce.Dashboard.Tests;

/// <summary>
/// The ops surface over plain HTTP: the cookie and the bearer token each open only their own side, the form posts need
/// their antiforgery token, grain state stays closed, and /metrics carries Orleans' meters in the API and in each silo.
/// </summary>
[Collection(DashboardCluster.Collection)]
public sealed partial class OpsHttpTests(DashboardCluster cluster)
{
    [Fact]
    public async Task The_dashboard_takes_the_ops_cookie_and_not_a_bearer_token_and_the_api_takes_no_cookie()
    {
        using var http = NoRedirects();
        var token = await BearerTokenAsync(http);

        using (var withToken = new HttpRequestMessage(HttpMethod.Get, "/dashboard/DashboardCounters"))
        {
            withToken.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var response = await http.SendAsync(withToken);
            response.StatusCode.Should().Be(HttpStatusCode.Redirect);
            response.Headers.Location!.ToString().Should().Contain("/ops/login");
        }

        var cookie = await SignInCookieAsync(http);
        using (var withCookie = new HttpRequestMessage(HttpMethod.Get, "/dashboard/DashboardCounters"))
        {
            withCookie.Headers.Add("Cookie", cookie);
            var response = await http.SendAsync(withCookie);
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            var counters = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            counters.GetProperty("hosts").GetArrayLength().Should().Be(2);
        }

        using (var apiWithCookie = new HttpRequestMessage(HttpMethod.Get, "/admin/users"))
        {
            apiWithCookie.Headers.Add("Cookie", cookie);
            (await http.SendAsync(apiWithCookie)).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "API endpoints authenticate bearer tokens only");
        }

        using (var grainState = new HttpRequestMessage(HttpMethod.Get, "/dashboard/GrainState?grainId=x&grainType=Commerce.Grains.Users.UserGrain"))
        {
            grainState.Headers.Add("Cookie", cookie);
            (await http.SendAsync(grainState)).StatusCode.Should().Be(HttpStatusCode.Forbidden, "grain state holds personal data");
        }
    }

    [Fact]
    public async Task A_sign_in_post_without_its_antiforgery_token_is_refused()
    {
        using var http = NoRedirects();
        var response = await http.PostAsync("/ops/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = DashboardCluster.AdminEmail,
            ["password"] = DashboardCluster.AdminPassword,
        }));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : []).Should().NotContain(c => c.StartsWith("commerce.ops=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Metrics_with_orleans_meters_are_served_by_the_api_and_by_each_silo()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };

        var api = await http.GetStringAsync(new Uri(cluster.Api.BaseAddress, "/metrics"));
        api.Should().Contain("orleans_").And.Contain("http_server_request_duration_seconds");
        foreach (var silo in cluster.Silos)
        {
            var metrics = await http.GetStringAsync($"http://127.0.0.1:{silo.HttpPort}/metrics");
            metrics.Should().Contain("orleans_catalog_activations").And.Contain("commerce-silo");
        }
    }

    private HttpClient NoRedirects() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = cluster.Api.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    private static async Task<string> BearerTokenAsync(HttpClient http)
    {
        var response = await http.PostAsJsonAsync("/auth/login", new { email = DashboardCluster.AdminEmail, password = DashboardCluster.AdminPassword });
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("accessToken").GetString()!;
    }

    /// <summary>Signs in through the form as a browser would and returns the "name=value" of the ops cookie.</summary>
    private static async Task<string> SignInCookieAsync(HttpClient http)
    {
        var page = await http.GetAsync("/ops/login");
        var antiforgeryCookie = page.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("commerce.ops.af=", StringComparison.Ordinal));
        var token = TokenField().Match(await page.Content.ReadAsStringAsync()).Groups["value"].Value;
        using var post = new HttpRequestMessage(HttpMethod.Post, "/ops/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
                ["email"] = DashboardCluster.AdminEmail,
                ["password"] = DashboardCluster.AdminPassword,
                ["returnUrl"] = "/dashboard/",
            }),
        };
        post.Headers.Add("Cookie", antiforgeryCookie);
        var signedIn = await http.SendAsync(post);
        signedIn.StatusCode.Should().Be(HttpStatusCode.Redirect);
        signedIn.Headers.Location!.ToString().Should().Be("/dashboard/");
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("commerce.ops=", StringComparison.Ordinal));
        cookie.Should().Contain("httponly").And.Contain("samesite=strict").And.Contain("path=/dashboard");
        return cookie.Split(';')[0];
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"(?<value>[^\"]+)\"")]
    private static partial Regex TokenField();
}
