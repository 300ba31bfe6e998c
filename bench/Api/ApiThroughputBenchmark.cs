using System.Diagnostics;
using System.Net;
using System.Text;
using Commerce.Bench.Cluster;

namespace Commerce.Bench.Api;

/// <summary>
/// Requests/s of the storefront API (the full pipeline: exception handler, status pages, body limit, routing, bearer
/// authentication, rate limiter off, authorization, strict JSON, one grain call) against a bare Kestrel endpoint that
/// returns the same JSON bytes, with the same in-process HttpClient load loop and concurrency, variants interleaved per
/// round: product detail GET and guest add-to-cart POST. Twice: the API hosting its embedded silo (memory storage),
/// and the API as an Orleans client of two silo processes over PostgreSQL (its cluster mode; the cart's state write
/// goes to PostgreSQL).
/// </summary>
internal static class ApiThroughputBenchmark
{
    public const string Embedded = "embedded";
    public const string Cluster = "cluster";

    /// <summary>Load before each measured window, so connections exist and code is jitted before the clock runs.</summary>
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    /// <param name="modes"><see cref="Embedded"/>, <see cref="Cluster"/> or both, in order.</param>
    public static async Task RunAsync(BenchSettings settings, Report report, params string[] modes)
    {
        var results = new List<(string Mode, Phase Phase)>();
        foreach (var mode in modes)
        {
            Console.WriteLine($"API, {mode}:");
            results.Add((mode, mode == Cluster ? await RunClusterAsync(settings) : await RunEmbeddedAsync(settings)));
        }

        report.Section($"HTTP API vs bare Kestrel (Orleans): {settings.Callers} concurrent in-process HttpClient callers, {settings.Seconds} s x {settings.Rounds} rounds (same process, same run per mode)");
        foreach (var (mode, phase) in results)
        {
            report.Line($"{(mode == Cluster ? "API as a cluster client of 2 silo processes (PostgreSQL storage)" : "API with its embedded silo (memory storage)")}: response sizes product detail {phase.ProductBytes} bytes, cart {phase.CartBytes} bytes.");
        }

        report.Line("");
        report.Line("| mode | endpoint | median req/s | min | max | API / bare |");
        report.Line("|---|---|---|---|---|---|");
        foreach (var (mode, phase) in results)
        {
            for (var i = 0; i < phase.Rows.Count; i++)
            {
                var (name, rates) = phase.Rows[i];
                var ratio = i % 2 == 0 ? $"**{Stats.Median(rates) / Stats.Median(phase.Rows[i + 1].Rates):0.00}x**" : "";
                report.Line($"| {mode} | {name} | {Stats.Median(rates):N0} | {rates.Min():N0} | {rates.Max():N0} | {ratio} |");
            }
        }
    }

    /// <summary>The rows of one mode, in pairs (API, then bare), and the sizes of the responses.</summary>
    private sealed record Phase(List<(string Name, List<double> Rates)> Rows, int ProductBytes, int CartBytes);

    private static async Task<Phase> RunEmbeddedAsync(BenchSettings settings)
    {
        var apiUrl = ApiServers.LoopbackUrl();
        await using var api = await ApiServers.StartEmbeddedApiAsync(apiUrl);
        return await MeasureAsync(settings, apiUrl);
    }

    private static async Task<Phase> RunClusterAsync(BenchSettings settings)
    {
        await using var cluster = await BenchCluster.StartAsync("api");
        await cluster.AddSiloAsync("silo1");
        await cluster.AddSiloAsync("silo2");
        var apiUrl = ApiServers.LoopbackUrl();
        await using var api = await ApiServers.StartClusterApiAsync(apiUrl, cluster.ConnectionString, cluster.ClusterId);
        return await MeasureAsync(settings, apiUrl);
    }

    private static async Task<Phase> MeasureAsync(BenchSettings settings, string apiUrl)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = settings.Callers, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            Timeout = RequestTimeout,
        };
        var sku = await ApiSeed.SeedProductAsync(http, apiUrl);
        var productJson = await http.GetByteArrayAsync($"{apiUrl}/catalog/products/{sku}");
        using var firstCart = await PostCartAsync(http, apiUrl, sku, Guid.NewGuid().ToString("N"));
        var cartJson = await firstCart.EnsureSuccessStatusCode().Content.ReadAsByteArrayAsync();
        var bareUrl = ApiServers.LoopbackUrl();
        await using var bare = await ApiServers.StartBareAsync(bareUrl, productJson, cartJson);

        var rows = new List<(string Name, List<double> Rates)>
        {
            ("GET product detail: API", []), ("GET product detail: bare Kestrel", []),
            ("POST add to cart (guest): API", []), ("POST add to cart: bare Kestrel", []),
        };
        var sends = new Func<int, Task<HttpResponseMessage>>[]
        {
            _ => http.GetAsync($"{apiUrl}/catalog/products/{sku}"),
            _ => http.GetAsync($"{bareUrl}/catalog/products/{sku}"),
            worker => PostCartAsync(http, apiUrl, sku, CartSession(worker)),
            worker => PostCartAsync(http, bareUrl, sku, CartSession(worker)),
        };
        for (var round = 0; round < settings.Rounds; round++)
        {
            for (var i = 0; i < rows.Count; i++) rows[i].Rates.Add(await MeasureAsync(settings, sends[i]));
            Console.WriteLine($"  round {round + 1}: " + string.Join(", ", rows.Select(r => $"{r.Name} {r.Rates[^1]:N0}/s")));
        }

        return new Phase(rows, productJson.Length, cartJson.Length);
    }

    /// <summary>One guest cart per caller: each add to cart is a turn of that caller's cart grain and a state write.</summary>
    private static string CartSession(int worker) => $"bench-session-{worker:D8}";

    private static async Task<double> MeasureAsync(BenchSettings settings, Func<int, Task<HttpResponseMessage>> send)
    {
        using (var warm = new CancellationTokenSource(WarmUp)) await LoopAsync(settings.Callers, send, warm.Token);
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
}
