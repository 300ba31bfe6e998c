using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Commerce.Bench.Api;

/// <summary>What the API suite needs in the catalog, created through the API's own admin endpoints.</summary>
internal static class ApiSeed
{
    public const string Sku = "bench-lamp";

    private const string AdminEmail = "admin@commerce.local";

    /// <summary>Stock enough that no add to cart runs out.</summary>
    private const int OnHand = 1_000_000;

    /// <summary>A listed, stocked product.</summary>
    public static async Task<string> SeedProductAsync(HttpClient http, string apiUrl)
    {
        using var loginResponse = await http.PostAsJsonAsync($"{apiUrl}/auth/login", new { email = AdminEmail, password = ApiServers.AdminPassword });
        var login = await loginResponse.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var token = new AuthenticationHeaderValue("Bearer", login.GetProperty("accessToken").GetString());
        async Task SendAsync(HttpMethod method, string path, object? body)
        {
            using var request = new HttpRequestMessage(method, $"{apiUrl}{path}") { Content = body is null ? null : JsonContent.Create(body) };
            request.Headers.Authorization = token;
            using var response = await http.SendAsync(request);
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        await SendAsync(HttpMethod.Post, "/admin/categories", new { slug = "bench", name = "Bench" });
        await SendAsync(HttpMethod.Post, "/admin/products", new
        {
            sku = Sku,
            details = new
            {
                name = "Bench lamp", brand = "Lumen", origin = "DE", description = "A lamp measured for throughput.",
                price = new { amount = 19.90m, currency = "EUR" }, categoryPath = "bench",
                specs = new Dictionary<string, string> { ["color"] = "brass", ["watts"] = "9" }, images = new[] { "https://images.example.com/lamp.jpg" },
            },
        });
        foreach (var step in new[] { "submit", "approve", "list" }) await SendAsync(HttpMethod.Post, $"/admin/products/{Sku}/{step}", null);
        await SendAsync(HttpMethod.Put, $"/admin/inventory/{Sku}/warehouses/wh-1", new { onHand = OnHand });
        return Sku;
    }
}
