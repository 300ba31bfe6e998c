using System.Net;
using System.Net.Http.Json;
using FluentAssertions;
using Xunit;

namespace Commerce.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class ErrorHandlingTests(ApiFactory api)
{
    [Fact]
    public async Task Malformed_json_is_400_problem_details()
    {
        var truncated = await api.CreateClient().SendJsonAsync(HttpMethod.Post, "/auth/register", "{\"email\": ");
        var garbage = await api.CreateClient().SendJsonAsync(HttpMethod.Post, "/auth/register", "<xml/>");

        await truncated.ShouldBeInvalidAsync("email");
        await garbage.ShouldBeInvalidAsync("body");
    }

    [Fact]
    public async Task An_unknown_field_is_400_naming_it()
    {
        var response = await api.CreateClient().SendJsonAsync(HttpMethod.Post, "/auth/login", """{"email":"a@b.cd","password":"x","isAdmin":true}""");

        await response.ShouldBeInvalidAsync("isAdmin");
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_is_400_naming_the_field()
    {
        var (client, _, _) = await api.CustomerAsync();

        var response = await client.SendJsonAsync(HttpMethod.Post, "/me/payment-methods", """{"kind":"card","token":"tok_12345678","isDefault":"yes"}""");

        await response.ShouldBeInvalidAsync("isDefault");
    }

    [Fact]
    public async Task A_missing_required_field_is_400()
    {
        var response = await api.CreateClient().SendJsonAsync(HttpMethod.Post, "/auth/register", """{"email":"a@b.cd","password":"long-enough-password"}""");

        (await response.ShouldBeAsync(HttpStatusCode.BadRequest)).GetProperty("errors").EnumerateObject().Should().NotBeEmpty();
    }

    [Fact]
    public async Task Grain_validation_errors_are_400_naming_the_field()
    {
        var response = await api.CreateClient().PostAsJsonAsync("/auth/register", new { email = "not-an-email", password = ApiFactory.Password, displayName = "X" });

        await response.ShouldBeInvalidAsync("email");
    }

    [Fact]
    public async Task An_out_of_range_query_parameter_is_400_naming_it()
    {
        var admin = await api.AdminAsync();

        await (await admin.GetAsync("/admin/users?limit=-5")).ShouldBeInvalidAsync("limit");
        await (await admin.GetAsync("/admin/users?limit=abc")).ShouldBeInvalidAsync("limit");
        await (await admin.GetAsync("/admin/users?status=sleeping")).ShouldBeInvalidAsync("status");
    }

    [Fact]
    public async Task An_unknown_user_is_404_and_a_conflict_carries_its_code()
    {
        var admin = await api.AdminAsync();

        (await admin.GetAsync("/admin/users/nobody-here")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var (_, userId, _) = await api.CustomerAsync();
        await admin.PostAsync($"/admin/users/{userId}/erase", null);
        var conflict = await (await admin.PostAsync($"/admin/users/{userId}/enable", null)).ShouldBeAsync(HttpStatusCode.Conflict);
        conflict.GetProperty("code").GetString().Should().Be("account-erased");
    }

    [Fact]
    public async Task An_oversized_body_is_413()
    {
        var huge = new string('x', 200_000);

        var response = await api.CreateClient().PostAsJsonAsync("/auth/register", new { email = "a@b.cd", password = huge, displayName = "X" });

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
    }
}

[Collection(ApiCollection.Name)]
public sealed class ProfileUpdateTests(ApiFactory api)
{
    [Fact]
    public async Task A_refused_profile_update_changes_nothing()
    {
        var (client, _, _) = await api.CustomerAsync(phone: "+49 30 1111111");

        await (await client.PatchAsJsonAsync("/me", new { displayName = "New Name", phone = "<script>" })).ShouldBeInvalidAsync("phone");

        var profile = await (await client.GetAsync("/me")).ShouldBeAsync(HttpStatusCode.OK);
        profile.GetProperty("displayName").GetString().Should().Be("Ann Customer");
    }
}
