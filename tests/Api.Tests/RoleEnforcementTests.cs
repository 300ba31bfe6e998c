using System.Net;
using System.Net.Http.Headers;
using FluentAssertions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Commerce.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class RoleEnforcementTests(ApiFactory api)
{
    /// <summary>Every endpoint under /admin, from the app's own endpoint data source: none can be forgotten.</summary>
    private IReadOnlyList<(string Method, string Path)> AdminEndpoints()
    {
        api.CreateClient().Dispose(); // builds the host
        return api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.TrimStart('/').StartsWith("admin", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (m, Concrete(e.RoutePattern.RawText!))))
            .ToList();
    }

    [Fact]
    public void Every_admin_endpoint_requires_a_staff_policy()
    {
        api.CreateClient().Dispose();
        var admin = api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.TrimStart('/').StartsWith("admin", StringComparison.Ordinal) == true).ToList();

        admin.Should().NotBeEmpty();
        foreach (var endpoint in admin)
        {
            endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).Should().Contain(
                p => p != null, "{0} must name a staff policy", endpoint.DisplayName);
        }
    }

    [Fact]
    public async Task Every_admin_endpoint_answers_401_without_a_token_and_403_to_a_customer()
    {
        var endpoints = AdminEndpoints();
        var anonymous = api.CreateClient();
        var (customer, _, _) = await api.CustomerAsync();

        endpoints.Count.Should().BeGreaterThan(5);
        foreach (var (method, path) in endpoints)
        {
            (await anonymous.SendAsync(Request(method, path))).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "{0} {1} without a token", method, path);
            (await customer.SendAsync(Request(method, path))).StatusCode.Should().Be(HttpStatusCode.Forbidden, "{0} {1} with a customer token", method, path);
        }
    }

    [Fact]
    public async Task A_forged_token_is_401()
    {
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "CfDJ8forged-token-AAAA");

        (await client.GetAsync("/admin/audit")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await client.GetAsync("/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    private static HttpRequestMessage Request(string method, string path) =>
        new(new HttpMethod(method), path) { Content = method is "GET" or "DELETE" ? null : new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };

    private static string Concrete(string pattern) =>
        System.Text.RegularExpressions.Regex.Replace(pattern, @"\{[^}]+\}", "x1");
}
