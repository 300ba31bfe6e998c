using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using FluentAssertions;
using Microsoft.Playwright;
using Xunit;

namespace Commerce.Dashboard.Tests;

/// <summary>
/// The Orleans dashboard under /dashboard as ops see it, in a real browser: sign-in on /ops/login, the cluster's two
/// silos, a grain type's calls rising under load, and the refusal of an account without the admin or ops role.
/// </summary>
[Collection(DashboardCluster.Collection)]
public sealed partial class DashboardBrowserTests(DashboardCluster cluster)
{
    private const string ReviewsGrain = "Commerce.Grains.Reviews.ProductReviewsGrain";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task An_admin_signs_in_in_the_browser_sees_both_silos_and_a_grain_types_calls_rise_under_load()
    {
        await using var context = await cluster.NewBrowserContextAsync();
        var page = await context.NewPageAsync();

        // Not signed in: the dashboard sends the browser to the sign-in page, which brings it back after.
        await page.GotoAsync("/dashboard/");
        page.Url.Should().Contain("/ops/login");
        await SignInAsync(page, DashboardCluster.AdminEmail, DashboardCluster.AdminPassword);
        await page.WaitForURLAsync(new Regex("/dashboard/?$"));
        await Assertions.Expect(page).ToHaveTitleAsync("Orleans Dashboard");

        var cookie = (await context.CookiesAsync()).Single(c => c.Name == "commerce.ops");
        cookie.HttpOnly.Should().BeTrue();
        cookie.SameSite.Should().Be(SameSiteAttribute.Strict);
        cookie.Path.Should().Be("/dashboard");

        // The silos page's health table lists both silo processes of the cluster: address, state and name.
        await page.GotoAsync("/dashboard/#/silos");
        var hostRows = page.Locator("tr:has(> td > a[href^='#/host/'])");
        await Assertions.Expect(hostRows).ToHaveCountAsync(2, new() { Timeout = (float)Patience.TotalMilliseconds });
        foreach (var silo in cluster.Silos)
        {
            var row = page.Locator($"tr:has(> td > a[href*=':{silo.SiloPort}@'])");
            await Assertions.Expect(row).ToContainTextAsync(silo.Name);
            await Assertions.Expect(row).ToContainTextAsync("Active");
        }

        // The grains page: the throughput of the product reviews grain rises while the API serves review pages.
        await page.GotoAsync("/dashboard/#/grains");
        await Assertions.Expect(page.Locator("th[data-column='totalCalls']")).ToBeVisibleAsync(new() { Timeout = (float)Patience.TotalMilliseconds });
        var before = await ThroughputAsync(page, ReviewsGrain);

        using var shopper = cluster.Api.CreateClient();
        for (var i = 0; i < 200; i++)
        {
            var response = await shopper.GetAsync($"/catalog/products/dash-sku-{i % 20}/reviews");
            response.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        var deadline = DateTime.UtcNow + Patience;
        double after;
        while ((after = await ThroughputAsync(page, ReviewsGrain)) <= before && DateTime.UtcNow < deadline) await Task.Delay(500);
        after.Should().BeGreaterThan(before, "the dashboard page shows the calls the load made to {0}", ReviewsGrain);
    }

    [Fact]
    public async Task A_customer_signed_in_through_the_browser_is_refused_with_a_403_page()
    {
        var email = $"shopper{Guid.NewGuid():N}@example.com";
        const string password = "shopper-password-123";
        using (var http = cluster.Api.CreateClient())
        {
            (await http.PostAsJsonAsync("/auth/register", new { email, password, displayName = "Shopper" })).StatusCode.Should().Be(HttpStatusCode.Created);
        }

        await using var context = await cluster.NewBrowserContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/dashboard/");

        var refused = await page.RunAndWaitForResponseAsync(
            () => SignInAsync(page, email, password),
            response => response.Url.EndsWith("/dashboard", StringComparison.Ordinal) || response.Url.EndsWith("/dashboard/", StringComparison.Ordinal));

        refused.Status.Should().Be(StatusCodes.Forbidden);
        await Assertions.Expect(page.Locator("#forbidden")).ToContainTextAsync("needs the admin or ops role");
        // Nor does it get the data behind the page.
        (await page.GotoAsync("/dashboard/DashboardCounters"))!.Status.Should().Be(StatusCodes.Forbidden);
    }

    [Fact]
    public async Task A_wrong_password_stays_on_the_sign_in_page_with_an_error()
    {
        await using var context = await cluster.NewBrowserContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/ops/login");

        await SignInAsync(page, DashboardCluster.AdminEmail, "not-the-password");

        await Assertions.Expect(page.Locator("#login-error")).ToContainTextAsync("Wrong e-mail or password");
        page.Url.Should().Contain("/ops/login");
        (await context.CookiesAsync()).Should().NotContain(c => c.Name == "commerce.ops");
    }

    private static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(password);
        await page.Locator("#sign-in").ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }

    /// <summary>The "Throughput" (req/sec) the grains table shows for a grain type; 0 while the type has no row.</summary>
    private static async Task<double> ThroughputAsync(IPage page, string grainType)
    {
        var row = page.Locator("tr", new() { Has = page.Locator($"td[title='{grainType}']") });
        if (await row.CountAsync() == 0) return 0;
        // Columns: grain, label, activations, exception rate, throughput, latency.
        var text = await row.First.Locator("td").Nth(4).InnerTextAsync();
        var number = Number().Match(text);
        return number.Success ? double.Parse(number.Value, CultureInfo.InvariantCulture) : 0;
    }

    [GeneratedRegex(@"\d+(\.\d+)?")]
    private static partial Regex Number();

    private static class StatusCodes
    {
        public const int Forbidden = 403;
    }
}
