using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using FluentAssertions;
using Xunit;

namespace Commerce.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class AuthTests(ApiFactory api)
{
    [Fact]
    public async Task A_registered_customer_signs_in_and_reads_their_profile()
    {
        var (client, userId, email) = await api.CustomerAsync(phone: "+49 30 1234567");

        var profile = await (await client.GetAsync("/me")).ShouldBeAsync(HttpStatusCode.OK);

        profile.GetProperty("userId").GetString().Should().Be(userId);
        profile.GetProperty("email").GetString().Should().Be(email);
        profile.GetProperty("phone").GetString().Should().Be("+49 30 1234567");
        profile.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).Should().Equal("customer");
    }

    [Fact]
    public async Task An_email_registers_only_once_whatever_its_case()
    {
        var email = $"dup{Guid.NewGuid():N}@example.com";
        var client = api.CreateClient();
        (await client.PostAsJsonAsync("/auth/register", new { email, password = ApiFactory.Password, displayName = "One" })).StatusCode.Should().Be(HttpStatusCode.Created);

        var again = await client.PostAsJsonAsync("/auth/register", new { email = email.ToUpperInvariant(), password = ApiFactory.Password, displayName = "Two" });

        var problem = await again.ShouldBeAsync(HttpStatusCode.Conflict);
        problem.GetProperty("code").GetString().Should().Be("email-taken");
    }

    [Fact]
    public async Task A_wrong_password_or_unknown_email_is_401_alike()
    {
        var (_, _, email) = await api.CustomerAsync();
        var client = api.CreateClient();

        var wrong = await client.PostAsJsonAsync("/auth/login", new { email, password = "not-the-password" });
        var unknown = await client.PostAsJsonAsync("/auth/login", new { email = "nobody@example.com", password = "whatever-it-is" });

        var a = await wrong.ShouldBeAsync(HttpStatusCode.Unauthorized);
        var b = await unknown.ShouldBeAsync(HttpStatusCode.Unauthorized);
        a.GetProperty("detail").GetString().Should().Be(b.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Repeated_wrong_passwords_lock_the_account_even_for_the_right_one()
    {
        var (_, _, email) = await api.CustomerAsync();
        var client = api.CreateClient();
        for (var i = 0; i < 5; i++) await client.PostAsJsonAsync("/auth/login", new { email, password = $"wrong-password-{i}" });

        var right = await client.PostAsJsonAsync("/auth/login", new { email, password = ApiFactory.Password });

        right.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_refresh_token_buys_a_new_access_token()
    {
        var (_, _, email) = await api.CustomerAsync();
        var login = await (await api.CreateClient().PostAsJsonAsync("/auth/login", new { email, password = ApiFactory.Password })).ShouldBeAsync(HttpStatusCode.OK);

        var refreshed = await (await api.CreateClient().PostAsJsonAsync("/auth/refresh", new { refreshToken = login.GetProperty("refreshToken").GetString() }))
            .ShouldBeAsync(HttpStatusCode.OK);

        var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", refreshed.GetProperty("accessToken").GetString());
        (await client.GetAsync("/me")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await api.CreateClient().PostAsJsonAsync("/auth/refresh", new { refreshToken = "forged" })).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Disabling_an_account_stops_its_existing_token_at_once()
    {
        var (client, userId, _) = await api.CustomerAsync();
        var admin = await api.AdminAsync();

        (await admin.PostAsync($"/admin/users/{userId}/disable", null)).StatusCode.Should().Be(HttpStatusCode.OK);

        (await client.GetAsync("/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await admin.PostAsync($"/admin/users/{userId}/enable", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync("/me")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_granted_role_applies_to_the_existing_token_at_once()
    {
        var (client, userId, _) = await api.CustomerAsync();
        (await client.GetAsync("/admin/users")).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        var admin = await api.AdminAsync();
        (await admin.PutAsJsonAsync($"/admin/users/{userId}/roles", new { roles = new[] { "support" } })).StatusCode.Should().Be(HttpStatusCode.OK);

        (await client.GetAsync("/admin/users")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.PostAsync($"/admin/users/{userId}/disable", null)).StatusCode.Should().Be(HttpStatusCode.Forbidden, "support may look, not change");
    }

    [Fact]
    public async Task Saved_addresses_and_payment_methods_serve_one_click_buy()
    {
        var (client, _, _) = await api.CustomerAsync();

        var address = await (await client.PostAsJsonAsync("/me/addresses", new
        {
            label = "Home", recipient = "Ann", line1 = "Main St 1", city = "Berlin", postalCode = "10115", country = "de",
        })).ShouldBeAsync(HttpStatusCode.Created);
        var method = await (await client.PostAsJsonAsync("/me/payment-methods", new { kind = "card", token = "tok_visa_4242abcd", brand = "visa", last4 = "4242" }))
            .ShouldBeAsync(HttpStatusCode.Created);

        address.GetProperty("address").GetProperty("country").GetString().Should().Be("DE");
        address.GetProperty("address").GetProperty("isDefault").GetBoolean().Should().BeTrue("the first address is the default");
        method.GetProperty("isDefault").GetBoolean().Should().BeTrue();
        (await (await client.GetAsync("/me/addresses")).ShouldBeAsync(HttpStatusCode.OK)).GetArrayLength().Should().Be(1);
        var id = method.GetProperty("paymentMethodId").GetString();
        (await client.DeleteAsync($"/me/payment-methods/{id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await (await client.GetAsync("/me/payment-methods")).ShouldBeAsync(HttpStatusCode.OK)).GetArrayLength().Should().Be(0);
    }
}
