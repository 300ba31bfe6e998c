using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Commerce.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Commerce.Bench.Api;

/// <summary>
/// Requests/s of the storefront API (embedded silo, the full pipeline: routing, auth, rate limiter off,
/// exception handler, JSON, grain call) against a bare Kestrel endpoint that returns the same JSON bytes,
/// in the same run with the same in-process HttpClient load loop and concurrency: product detail GET
/// and guest add-to-cart POST.
/// </summary>
internal static class ApiThroughputBenchmark
{
    private const string AdminPassword = "bench-admin-password";

    public static async Task RunAsync(BenchSettings settings, Report report)
    {
        var apiUrl = $"http://127.0.0.1:{FreePort()}";
        var bareUrl = $"http://127.0.0.1:{FreePort()}";
        await using var api = await StartApiAsync(apiUrl);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = settings.Callers, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };
        var sku = await SeedProductAsync(http, apiUrl);
        var productJson = await http.GetByteArrayAsync($"{apiUrl}/catalog/products/{sku}");
        var cartJson = await (await PostCartAsync(http, apiUrl, sku, Guid.NewGuid().ToString("N"))).Content.ReadAsByteArrayAsync();
        await using var bare = await StartBareAsync(bareUrl, productJson, cartJson);

        var rows = new List<(string Name, List<double> Rates)>
        {
            ("GET product detail: API", []), ("GET product detail: bare Kestrel", []),
            ("POST add to cart (guest): API", []), ("POST add to cart: bare Kestrel", []),
        };
        for (var round = 0; round < settings.Rounds; round++)
        {
            rows[0].Rates.Add(await MeasureAsync(settings, _ => http.GetAsync($"{apiUrl}/catalog/products/{sku}")));
            rows[1].Rates.Add(await MeasureAsync(settings, _ => http.GetAsync($"{bareUrl}/catalog/products/{sku}")));
            rows[2].Rates.Add(await MeasureAsync(settings, worker => PostCartAsync(http, apiUrl, sku, $"bench-session-{worker:D8}")));
            rows[3].Rates.Add(await MeasureAsync(settings, worker => PostCartAsync(http, bareUrl, sku, $"bench-session-{worker:D8}")));
            Console.WriteLine($"round {round + 1}: " + string.Join(", ", rows.Select(r => $"{r.Name} {r.Rates[^1]:N0}/s")));
        }

        report.Section($"HTTP API vs bare Kestrel: {settings.Callers} concurrent in-process HttpClient callers, {settings.Seconds} s x {settings.Rounds} rounds (same process, same run)");
        report.Line($"Response sizes: product detail {productJson.Length} bytes, cart {cartJson.Length} bytes.");
        report.Line("");
        report.Line("| endpoint | median req/s | min | max | API / bare |");
        report.Line("|---|---|---|---|---|");
        for (var i = 0; i < rows.Count; i++)
        {
            var (name, rates) = rows[i];
            var ratio = i % 2 == 0 ? $"{Median(rates) / Median(rows[i + 1].Rates):0.00}x" : "";
            report.Line($"| {name} | {Median(rates):N0} | {rates.Min():N0} | {rates.Max():N0} | {ratio} |");
        }
    }

    private static async Task<double> MeasureAsync(BenchSettings settings, Func<int, Task<HttpResponseMessage>> send)
    {
        // Warm-up, so connections exist and code is jitted before the clock runs.
        using (var warm = new CancellationTokenSource(TimeSpan.FromSeconds(1))) await LoopAsync(settings.Callers, send, warm.Token);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(settings.Seconds));
        var clock = Stopwatch.StartNew();
        var completed = await LoopAsync(settings.Callers, send, stop.Token);
        return completed / clock.Elapsed.TotalSeconds;
    }

    private static async Task<long> LoopAsync(int callers, Func<int, Task<HttpResponseMessage>> send, CancellationToken stop)
    {
        long completed = 0;
        await Task.WhenAll(Enumerable.Range(0, callers).Select(worker => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var response = await send(worker);
                if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                await response.Content.LoadIntoBufferAsync();
                Interlocked.Increment(ref completed);
            }
        })));
        return completed;
    }

    private static Task<HttpResponseMessage> PostCartAsync(HttpClient http, string baseUrl, string sku, string session)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"{baseUrl}/cart/items")
        {
            Content = new StringContent($"{{\"sku\":\"{sku}\",\"quantity\":1}}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Cart-Session", session);
        return http.SendAsync(request);
    }

    private static async Task<WebApplication> StartApiAsync(string url)
    {
        string[] args = ["--RateLimiting:Enabled=false", "--Users:PasswordHashIterations=1000", $"--Auth:BootstrapAdmin:Password={AdminPassword}"];
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls(url);
        builder.AddApplicationServices(args);
        var app = builder.Build();
        app.UseApplicationPipeline();
        app.MapCommerceApi();
        await app.StartAsync();
        return app;
    }

    private static async Task<WebApplication> StartBareAsync(string url, byte[] productJson, byte[] cartJson)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls(url);
        var app = builder.Build();
        app.MapGet("/catalog/products/{sku}", (string sku) => Results.Bytes(productJson, "application/json"));
        app.MapPost("/cart/items", async (HttpRequest request) =>
        {
            // Reads the body as the API does, so both sides pay for the request bytes.
            using var body = await JsonDocument.ParseAsync(request.Body);
            return Results.Bytes(cartJson, "application/json");
        });
        await app.StartAsync();
        return app;
    }

    /// <summary>A listed, stocked product created through the API's own admin endpoints.</summary>
    private static async Task<string> SeedProductAsync(HttpClient http, string apiUrl)
    {
        var login = await (await http.PostAsJsonAsync($"{apiUrl}/auth/login", new { email = "admin@commerce.local", password = AdminPassword })).Content.ReadFromJsonAsync<JsonElement>();
        var token = new AuthenticationHeaderValue("Bearer", login.GetProperty("accessToken").GetString());
        async Task SendAsync(HttpMethod method, string path, object? body)
        {
            using var request = new HttpRequestMessage(method, $"{apiUrl}{path}") { Content = body is null ? null : JsonContent.Create(body) };
            request.Headers.Authorization = token;
            using var response = await http.SendAsync(request);
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        const string sku = "bench-lamp";
        await SendAsync(HttpMethod.Post, "/admin/categories", new { slug = "bench", name = "Bench" });
        await SendAsync(HttpMethod.Post, "/admin/products", new
        {
            sku,
            details = new
            {
                name = "Bench lamp", brand = "Lumen", origin = "DE", description = "A lamp measured for throughput.",
                price = new { amount = 19.90m, currency = "EUR" }, categoryPath = "bench",
                specs = new Dictionary<string, string> { ["color"] = "brass", ["watts"] = "9" }, images = new[] { "https://images.example.com/lamp.jpg" },
            },
        });
        foreach (var step in new[] { "submit", "approve", "list" }) await SendAsync(HttpMethod.Post, $"/admin/products/{sku}/{step}", null);
        await SendAsync(HttpMethod.Put, $"/admin/inventory/{sku}/warehouses/wh-1", new { onHand = 1_000_000 });
        return sku;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
