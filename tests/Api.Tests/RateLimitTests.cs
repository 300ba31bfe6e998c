using System.Net;
using FluentAssertions;
using Xunit;

namespace Commerce.Api.Tests;

public sealed class RateLimitTests
{
    [Fact]
    public async Task A_client_over_its_budget_gets_429_problem_details_with_retry_after()
    {
        await using var api = new ApiFactory().WithSetting("RateLimiting:Enabled", "true").WithSetting("RateLimiting:TokenLimit", "5").WithSetting("RateLimiting:TokensPerSecond", "1");
        var client = api.CreateClient();

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? rejected = null;
        for (var i = 0; i < 12; i++)
        {
            var response = await client.GetAsync("/catalog/categories");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) rejected ??= response;
        }

        statuses.Should().Contain(HttpStatusCode.TooManyRequests);
        (await client.GetAsync("/health/live")).StatusCode.Should().Be(HttpStatusCode.OK, "health probes are exempt");
        rejected!.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        rejected.Headers.RetryAfter.Should().NotBeNull();
    }
}
