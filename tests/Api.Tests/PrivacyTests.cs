using System.Net;
using System.Net.Http.Json;
using FluentAssertions;
using Xunit;

namespace Commerce.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class PrivacyTests(ApiFactory api)
{
    private StorefrontJourney Journey => new(api.CreateClient, ApiFactory.AdminEmail, ApiFactory.AdminPassword);

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
    public async Task Erasure_anonymizes_the_shipping_address_of_every_order_of_the_person()
    {
        var admin = await api.AdminAsync();
        var (sku, _) = await Journey.ListProductAsync(admin, 5m, stock: 5);
        var (customer, userId, _) = await api.CustomerAsync(phone: "+49 40 5550199");
        await customer.PostAsJsonAsync("/me/addresses", new { label = "Home", recipient = "Erika Verborgen", line1 = "Geheimgasse 7", city = "Hamburg", postalCode = "20095", country = "DE" });
        await customer.PostAsJsonAsync("/me/payment-methods", new { kind = "card", token = "tok_visa" });
        var orderIds = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/checkout/buy-now") { Content = JsonContent.Create(new { sku, quantity = 1 }) };
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
            var placed = await (await customer.SendAsync(request)).ShouldBeAsync(HttpStatusCode.Created);
            placed.GetProperty("address").GetProperty("recipientName").GetString().Should().Be("Erika Verborgen");
            orderIds.Add(placed.GetProperty("orderId").GetString()!);
        }

        (await customer.DeleteAsync("/me")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        foreach (var orderId in orderIds)
        {
            var order = await (await admin.GetAsync($"/admin/orders/{orderId}")).ShouldBeAsync(HttpStatusCode.OK);
            var address = order.GetProperty("address");
            foreach (var personal in new[] { "Erika", "Verborgen", "Geheimgasse", "5550199", "20095" }) address.GetRawText().Should().NotContain(personal);
            address.GetProperty("countryCode").GetString().Should().Be("DE", "the country stays for tax and accounting");
            var erasure = order.GetProperty("history").EnumerateArray().Last();
            erasure.GetProperty("trigger").GetString().Should().Be("erasePersonalData");
            erasure.GetProperty("actor").GetString().Should().Be($"user:{userId}");
        }
        var export = await (await admin.GetAsync($"/admin/users/{userId}/export")).ShouldBeAsync(HttpStatusCode.OK);
        export.GetProperty("orders").GetArrayLength().Should().Be(2);
        export.GetProperty("orders").GetRawText().Should().NotContain("Erika").And.NotContain("5550199");
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
