using System.Net;
using System.Net.Http.Json;
using FluentAssertions;
using Xunit;

namespace Commerce.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class PrivacyTests(ApiFactory api)
{
    [Fact]
    public async Task A_customer_exports_their_data_as_json_and_the_export_is_audited()
    {
        var (client, userId, email) = await api.CustomerAsync(phone: "+44 20 7946 0958");
        await client.PostAsJsonAsync("/me/addresses", new { label = "Work", recipient = "Ann", line1 = "1 Fleet St", city = "London", postalCode = "EC4Y 1AA", country = "GB" });

        var export = await (await client.GetAsync("/me/export")).ShouldBeAsync(HttpStatusCode.OK);

        var account = export.GetProperty("account");
        account.GetProperty("profile").GetProperty("email").GetString().Should().Be(email);
        account.GetProperty("profile").GetProperty("phone").GetString().Should().Be("+44 20 7946 0958");
        account.GetProperty("addresses")[0].GetProperty("address").GetProperty("line1").GetString().Should().Be("1 Fleet St");
        var admin = await api.AdminAsync();
        (await AuditTests.EntriesAsync(admin, $"target=user/{userId}&action=ExportMyData")).Should().ContainSingle();
    }

    [Fact]
    public async Task Erasure_removes_personal_data_disables_sign_in_frees_the_email_and_is_audited()
    {
        var (client, userId, email) = await api.CustomerAsync(phone: "+1 555 0100");
        await client.PostAsJsonAsync("/me/payment-methods", new { kind = "card", token = "tok_erase_me_123" });
        var admin = await api.AdminAsync();

        (await admin.PostAsync($"/admin/users/{userId}/erase", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);

        var profile = await (await admin.GetAsync($"/admin/users/{userId}")).ShouldBeAsync(HttpStatusCode.OK);
        profile.GetProperty("status").GetString().Should().Be("erased");
        profile.GetProperty("email").GetString().Should().NotContain(email.Split('@')[0]);
        profile.GetProperty("phone").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        var export = await (await admin.GetAsync($"/admin/users/{userId}/export")).ShouldBeAsync(HttpStatusCode.OK);
        export.GetProperty("account").GetProperty("paymentMethods").GetArrayLength().Should().Be(0);
        (await client.GetAsync("/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the erased account's token no longer works");
        (await api.CreateClient().PostAsJsonAsync("/auth/login", new { email, password = ApiFactory.Password })).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await api.CreateClient().PostAsJsonAsync("/auth/register", new { email, password = ApiFactory.Password, displayName = "New Ann" }))
            .StatusCode.Should().Be(HttpStatusCode.Created, "the address is free again");
        (await AuditTests.EntriesAsync(admin, $"target=/admin/users/{userId}/erase")).Single().GetProperty("outcome").GetString().Should().Be("succeeded");
        (await AuditTests.EntriesAsync(admin, $"target=user/{userId}&action=ExportUserData")).Should().ContainSingle();
    }

    [Fact]
    public async Task A_customer_erases_their_own_account()
    {
        var (client, userId, _) = await api.CustomerAsync();

        (await client.DeleteAsync("/me")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        (await client.GetAsync("/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var admin = await api.AdminAsync();
        (await AuditTests.EntriesAsync(admin, $"target=user/{userId}&action=EraseMyAccount")).Should().ContainSingle();
    }
}
