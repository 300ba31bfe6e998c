using System.Net;
using System.Net.Http.Json;
using FluentAssertions;
using Xunit;

namespace Commerce.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class StorefrontTests(ApiFactory api)
{
    private StorefrontJourney Journey => new(api.CreateClient, ApiFactory.AdminEmail, ApiFactory.AdminPassword);

    [Fact]
    public async Task Browse_cart_checkout_pay_ship_deliver_review_and_refund_on_the_embedded_silo()
    {
        await Journey.RunAsync();
    }

    [Fact]
    public async Task One_click_buy_uses_the_saved_address_and_card()
    {
        var admin = await api.AdminAsync();
        var (sku, _) = await Journey.ListProductAsync(admin, 5m, stock: 3);
        var (customer, _, _) = await api.CustomerAsync(phone: "+49 40 1234567");
        await customer.PostAsJsonAsync("/me/addresses", new { label = "Home", recipient = "Ann", line1 = "Main 1", city = "Hamburg", postalCode = "20095", country = "DE" });
        await customer.PostAsJsonAsync("/me/payment-methods", new { kind = "card", token = "tok_visa" });

        var request = new HttpRequestMessage(HttpMethod.Post, "/checkout/buy-now") { Content = JsonContent.Create(new { sku, quantity = 1 }) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        var order = await (await customer.SendAsync(request)).ShouldBeAsync(HttpStatusCode.Created);

        order.GetProperty("status").GetString().Should().BeOneOf("paid", "allocated");
        order.GetProperty("address").GetProperty("city").GetString().Should().Be("Hamburg");
    }

    [Fact]
    public async Task A_guest_cart_needs_a_well_formed_session_and_rejects_negative_quantities()
    {
        var guest = api.CreateClient();

        await (await guest.GetAsync("/cart")).ShouldBeInvalidAsync("X-Cart-Session");
        guest.DefaultRequestHeaders.Add("X-Cart-Session", Guid.NewGuid().ToString("N"));
        await (await guest.PostAsJsonAsync("/cart/items", new { sku = "sku-1", quantity = -3 })).ShouldBeInvalidAsync("quantity");
        (await (await guest.GetAsync("/cart")).ShouldBeAsync(HttpStatusCode.OK)).GetProperty("lines").GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task Unlisted_products_are_not_shown_to_shoppers()
    {
        (await api.CreateClient().GetAsync("/catalog/products/no-such-sku")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Forged_payment_gateway_callbacks_are_401()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/payments")
        {
            Content = new StringContent("""{"eventId":"e1","paymentId":"p1","gatewayReference":"g","status":"captured","amount":1,"currency":"EUR","occurredAt":"2026-01-01T00:00:00Z"}""",
                System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Gateway-Signature", "t=1,v1=deadbeef");

        (await api.CreateClient().SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await api.CreateClient().PostAsync("/webhooks/payments", new StringContent("{}"))).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "unsigned");
    }

    [Fact]
    public async Task Someone_elses_order_is_404()
    {
        var (customer, _, _) = await api.CustomerAsync();

        (await customer.GetAsync("/orders/CO-20260101-000001")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
