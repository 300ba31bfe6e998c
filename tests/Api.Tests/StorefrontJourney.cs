using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Commerce.GrainInterfaces.Logistics;
using Commerce.Grains.Logistics;
using FluentAssertions;
using Microsoft.Extensions.Options;

namespace Commerce.Api.Tests;

/// <summary>
/// The whole shopping journey over HTTP, against any running API (in process or a separate process):
/// merchandising lists a product, a guest browses and fills a cart, signs up and in (the cart merges),
/// checks out with saved address and card, operations ship it, the carrier's signed webhook delivers it,
/// the customer reviews it and asks for a refund, support approves it.
/// </summary>
internal sealed class StorefrontJourney(Func<HttpClient> newClient, string adminEmail, string adminPassword)
{
    public static readonly CarrierWebhookVerifier CarrierSigner = new(Options.Create(new CarrierWebhookOptions()), TimeProvider.System);

    public async Task<HttpClient> SignInAsync(string email, string password, string? cartSession = null)
    {
        var client = newClient();
        using var login = new HttpRequestMessage(HttpMethod.Post, "/auth/login") { Content = JsonContent.Create(new { email, password }) };
        if (cartSession is not null) login.Headers.Add("X-Cart-Session", cartSession);
        var token = await (await client.SendAsync(login)).ShouldBeAsync(HttpStatusCode.OK);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("accessToken").GetString());
        return client;
    }

    /// <summary>Creates a category and a complete product, takes it through review to listed, and stocks it.</summary>
    public async Task<(string Sku, string Category)> ListProductAsync(HttpClient admin, decimal price, int stock)
    {
        var id = Guid.NewGuid().ToString("N")[..10];
        var category = $"cat{id}";
        await (await admin.PostAsJsonAsync("/admin/categories", new { slug = category, name = "Journey things" })).ShouldBeAsync(HttpStatusCode.Created);
        var sku = $"sku-{id}";
        await (await admin.PostAsJsonAsync("/admin/products", new
        {
            sku,
            details = new
            {
                name = "Journey lamp", brand = "Lumen", origin = "DE", description = "A lamp that lights journeys.",
                price = new { amount = price, currency = "EUR" }, categoryPath = category,
                specs = new Dictionary<string, string> { ["color"] = "brass" }, images = new[] { "https://images.example.com/lamp.jpg" },
            },
        })).ShouldBeAsync(HttpStatusCode.Created);
        (await (await admin.GetAsync("/admin/products/review-queue")).ShouldBeAsync(HttpStatusCode.OK)).GetRawText().Should().NotBeNull();
        foreach (var step in new[] { "submit", "approve", "list" }) await (await admin.PostAsync($"/admin/products/{sku}/{step}", null)).ShouldBeAsync(HttpStatusCode.OK);
        await (await admin.PutAsJsonAsync($"/admin/inventory/{sku}/warehouses/wh-1", new { onHand = stock })).ShouldBeAsync(HttpStatusCode.OK);
        return (sku, category);
    }

    public async Task RunAsync()
    {
        var admin = await SignInAsync(adminEmail, adminPassword);
        var (sku, category) = await ListProductAsync(admin, 19.90m, stock: 10);

        // Browse as a guest, fill a guest cart.
        var guest = newClient();
        var browse = await EventuallyAsync(async () =>
        {
            var page = await (await guest.GetAsync($"/catalog/products?category={category}&sort=priceAscending&page=1&pageSize=10")).ShouldBeAsync(HttpStatusCode.OK);
            return page.GetProperty("items").GetArrayLength() == 1 ? page : (JsonElement?)null;
        });
        browse.GetProperty("items")[0].GetProperty("sku").GetString().Should().Be(sku);
        (await (await guest.GetAsync($"/catalog/products/{sku}")).ShouldBeAsync(HttpStatusCode.OK)).GetProperty("name").GetString().Should().Be("Journey lamp");
        var session = Guid.NewGuid().ToString("N");
        guest.DefaultRequestHeaders.Add("X-Cart-Session", session);
        await (await guest.PostAsJsonAsync("/cart/items", new { sku, quantity = 2 })).ShouldBeAsync(HttpStatusCode.OK);

        // Sign up, sign in with the guest session: the cart follows.
        var email = $"journey{Guid.NewGuid():N}@example.com";
        await (await newClient().PostAsJsonAsync("/auth/register", new { email, password = ApiFactory.Password, displayName = "Jo Journey", phone = "+49 30 9999999" }))
            .ShouldBeAsync(HttpStatusCode.Created);
        var customer = await SignInAsync(email, ApiFactory.Password, session);
        var cart = await (await customer.GetAsync("/cart")).ShouldBeAsync(HttpStatusCode.OK);
        cart.GetProperty("lines")[0].GetProperty("quantity").GetInt32().Should().Be(2);
        await (await customer.PostAsJsonAsync("/me/addresses", new { label = "Home", recipient = "Jo Journey", line1 = "Lampenweg 1", city = "Berlin", postalCode = "10115", country = "DE" }))
            .ShouldBeAsync(HttpStatusCode.Created);
        await (await customer.PostAsJsonAsync("/me/payment-methods", new { kind = "card", token = "tok_visa", brand = "visa", last4 = "4242" })).ShouldBeAsync(HttpStatusCode.Created);

        // Check out at the previewed total; a retry with the same key is the same order.
        var preview = await (await customer.GetAsync("/cart/preview")).ShouldBeAsync(HttpStatusCode.OK);
        var total = preview.GetProperty("total");
        total.GetProperty("amount").GetDecimal().Should().Be(39.80m);
        var checkout = new { expectedTotal = new { amount = total.GetProperty("amount").GetDecimal(), currency = total.GetProperty("currency").GetString() } };
        var key = Guid.NewGuid().ToString("N");
        var order = await (await SendAsync(customer, HttpMethod.Post, "/checkout", checkout, ("Idempotency-Key", key))).ShouldBeAsync(HttpStatusCode.Created);
        var orderId = order.GetProperty("orderId").GetString()!;
        var again = await (await SendAsync(customer, HttpMethod.Post, "/checkout", checkout, ("Idempotency-Key", key))).ShouldBeAsync(HttpStatusCode.Created);
        again.GetProperty("orderId").GetString().Should().Be(orderId);
        (await SendAsync(customer, HttpMethod.Post, "/checkout", checkout)).StatusCode.Should().Be(HttpStatusCode.BadRequest, "the idempotency key is required");

        // Pay (placed without payment, so it awaits one), then operations ship it.
        order = await (await customer.PostAsJsonAsync($"/orders/{orderId}/pay", new { method = "card", methodToken = "tok_visa" })).ShouldBeAsync(HttpStatusCode.OK);
        order.GetProperty("status").GetString().Should().BeOneOf("paid", "allocated");
        if (order.GetProperty("status").GetString() == "paid") await (await admin.PostAsync($"/admin/orders/{orderId}/allocate", null)).ShouldBeAsync(HttpStatusCode.OK);
        await (await admin.PostAsync($"/admin/orders/{orderId}/pack", null)).ShouldBeAsync(HttpStatusCode.OK);
        var shipped = await (await admin.PostAsync($"/admin/orders/{orderId}/ship", null)).ShouldBeAsync(HttpStatusCode.OK);
        var tracking = shipped.GetProperty("shipment").GetProperty("trackingNumber").GetString()!;

        // The carrier's signed webhook delivers it; a forged one is refused.
        var delivered = CarrierWebhookVerifier.Serialize(new CarrierEvent($"evt-{Guid.NewGuid():N}", tracking, CarrierEventKind.Delivered, DateTimeOffset.UtcNow, "Berlin", null));
        (await PostWebhookAsync(guest, delivered, "t=1,v1=00")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        await (await PostWebhookAsync(guest, delivered, CarrierSigner.Sign(delivered, DateTimeOffset.UtcNow))).ShouldBeAsync(HttpStatusCode.OK);
        await EventuallyAsync(async () =>
        {
            var current = await (await customer.GetAsync($"/orders/{orderId}")).ShouldBeAsync(HttpStatusCode.OK);
            return current.GetProperty("status").GetString() == "delivered" ? current : (JsonElement?)null;
        });
        var track = await (await customer.GetAsync($"/orders/{orderId}/tracking")).ShouldBeAsync(HttpStatusCode.OK);
        track.GetProperty("status").GetString().Should().Be("delivered");

        // Review, then a refund request that support approves.
        await (await customer.PostAsJsonAsync($"/catalog/products/{sku}/reviews", new { orderId, rating = 5, text = "Lights up the room." })).ShouldBeAsync(HttpStatusCode.Created);
        var reviews = await (await guest.GetAsync($"/catalog/products/{sku}/reviews")).ShouldBeAsync(HttpStatusCode.OK);
        reviews.GetProperty("summary").GetProperty("count").GetInt32().Should().Be(1);
        await (await customer.PostAsJsonAsync($"/orders/{orderId}/refund", new { reason = "Changed my mind" })).ShouldBeAsync(HttpStatusCode.OK);
        var refunded = await (await admin.PostAsync($"/admin/orders/{orderId}/refund/approve", null)).ShouldBeAsync(HttpStatusCode.OK);
        refunded.GetProperty("status").GetString().Should().Be("refunded");

        // What the customer sees afterwards, and what the audit log recorded.
        var orders = await (await customer.GetAsync("/orders")).ShouldBeAsync(HttpStatusCode.OK);
        orders.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("orderId").GetString()).Should().Contain(orderId);
        var notifications = await (await customer.GetAsync("/me/notifications?after=0")).ShouldBeAsync(HttpStatusCode.OK);
        notifications.GetProperty("items").GetArrayLength().Should().BeGreaterThan(0);
        await (await customer.GetAsync("/me/points")).ShouldBeAsync(HttpStatusCode.OK);
        var export = await (await customer.GetAsync("/me/export")).ShouldBeAsync(HttpStatusCode.OK);
        export.GetProperty("orders").EnumerateArray().Select(o => o.GetProperty("orderId").GetString()).Should().Contain(orderId, "the privacy export includes linked orders");
        var audit = await (await admin.GetAsync($"/admin/audit?target=/admin/orders/{orderId}/ship")).ShouldBeAsync(HttpStatusCode.OK);
        audit.GetProperty("items")[0].GetProperty("outcome").GetString().Should().Be("succeeded");
    }

    private static Task<HttpResponseMessage> PostWebhookAsync(HttpClient client, string body, string signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/carrier") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add(CarrierWebhookVerifier.SignatureHeader, signature);
        return client.SendAsync(request);
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string url, object body, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(method, url) { Content = JsonContent.Create(body) };
        foreach (var (name, value) in headers) request.Headers.Add(name, value);
        return client.SendAsync(request);
    }

    /// <summary>Read models and carriers catch up asynchronously; poll for up to 15 s.</summary>
    private static async Task<JsonElement> EventuallyAsync(Func<Task<JsonElement?>> probe)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            if (await probe() is { } done) return done;
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The condition did not hold within 15 s.");
            await Task.Delay(100);
        }
    }
}
