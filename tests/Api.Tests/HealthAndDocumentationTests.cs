using System.Net;
using FluentAssertions;
using Xunit;

namespace Commerce.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class HealthAndDocumentationTests(ApiFactory api)
{
    [Fact]
    public async Task Liveness_and_readiness_report_healthy_with_the_silo_up()
    {
        var client = api.CreateClient();

        (await client.GetStringAsync("/health/live")).Should().Be("Healthy");
        (await client.GetStringAsync("/health/ready")).Should().Be("Healthy");
    }

    [Fact]
    public async Task The_openapi_document_describes_the_endpoints_and_swagger_ui_is_served()
    {
        var client = api.CreateClient();

        var document = await client.GetStringAsync("/openapi/v1.json");
        document.Should().Contain("\"/auth/login\"").And.Contain("\"/admin/users\"").And.Contain("ListUsers").And.Contain("\"bearer\"");
        (await client.GetAsync("/swagger/index.html")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
