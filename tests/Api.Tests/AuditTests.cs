using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FluentAssertions;
using Xunit;

namespace Commerce.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class AuditTests(ApiFactory api)
{
    [Fact]
    public async Task An_admin_action_is_recorded_with_actor_action_target_time_and_outcome()
    {
        var (_, userId, _) = await api.CustomerAsync();
        var admin = await api.AdminAsync();
        var adminId = (await (await admin.GetAsync("/me")).ShouldBeAsync(HttpStatusCode.OK)).GetProperty("userId").GetString();
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        await admin.PutAsJsonAsync($"/admin/users/{userId}/roles", new { roles = new[] { "merchandiser" } });

        var entry = (await EntriesAsync(admin, $"target=/admin/users/{userId}/roles")).Single();
        entry.GetProperty("actor").GetString().Should().Be(adminId);
        entry.GetProperty("action").GetString().Should().Be("SetUserRoles");
        entry.GetProperty("outcome").GetString().Should().Be("succeeded");
        entry.GetProperty("at").GetDateTimeOffset().Should().BeAfter(before);
    }

    [Fact]
    public async Task A_refused_admin_action_is_recorded_as_rejected()
    {
        var (_, userId, _) = await api.CustomerAsync();
        var admin = await api.AdminAsync();

        (await admin.PutAsJsonAsync($"/admin/users/{userId}/roles", new { roles = new[] { "emperor" } })).StatusCode.Should().Be(HttpStatusCode.BadRequest);

        var entry = (await EntriesAsync(admin, $"target=/admin/users/{userId}/roles")).Single();
        entry.GetProperty("outcome").GetString().Should().Be("rejected");
        entry.GetProperty("detail").GetString().Should().Contain("emperor");
    }

    [Fact]
    public async Task The_audit_log_is_for_admins_only()
    {
        var support = await api.StaffAsync("support");

        (await support.GetAsync("/admin/audit")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    internal static async Task<IReadOnlyList<JsonElement>> EntriesAsync(HttpClient admin, string filter)
    {
        var page = await (await admin.GetAsync($"/admin/audit?{filter}")).ShouldBeAsync(HttpStatusCode.OK);
        return page.GetProperty("items").EnumerateArray().ToList();
    }
}
