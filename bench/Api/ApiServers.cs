using System.Text.Json;
using Commerce.Api;
using Commerce.Testing.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Commerce.Bench.Api;

/// <summary>The servers the API suite loads, all in the bench process: the product's API in either mode, and bare Kestrel.</summary>
internal static class ApiServers
{
    public const string AdminPassword = "bench-admin-password";

    /// <summary>
    /// The API's own settings for the run, as an operator would pass them: the rate limiter off (one client sends
    /// everything), a cheap password hash for the seeding admin, and logging at Warning (request logs at
    /// Information would be most of the work).
    /// </summary>
    private static readonly string[] s_settings =
        ["--RateLimiting:Enabled=false", "--Users:PasswordHashIterations=1000", $"--Auth:BootstrapAdmin:Password={AdminPassword}", "--Logging:LogLevel:Default=Warning"];

    /// <summary>The API hosting its embedded silo (memory storage), on a silo port of its own.</summary>
    public static Task<RunningApp> StartEmbeddedApiAsync(string url) =>
        StartApiAsync(url, [.. s_settings, "--silo-port", FreePorts.Take().ToString(System.Globalization.CultureInfo.InvariantCulture)]);

    /// <summary>The API as an Orleans client of the cluster on <paramref name="postgres"/> (its cluster mode).</summary>
    public static Task<RunningApp> StartClusterApiAsync(string url, string postgres, string clusterId) =>
        StartApiAsync(url, [.. s_settings, "--postgres", postgres, "--cluster-id", clusterId]);

    /// <summary>
    /// A bare Kestrel minimal-API server answering the same two routes with the bytes the API returned; the POST reads
    /// and parses its body as the API does, so both sides pay for the request bytes.
    /// </summary>
    public static async Task<RunningApp> StartBareAsync(string url, byte[] productJson, byte[] cartJson)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls(url);
        var app = builder.Build();
        app.MapGet("/catalog/products/{sku}", (string sku) => Results.Bytes(productJson, "application/json"));
        app.MapPost("/cart/items", async (HttpRequest request) =>
        {
            using var body = await JsonDocument.ParseAsync(request.Body);
            return Results.Bytes(cartJson, "application/json");
        });
        await app.StartAsync();
        return new RunningApp(app);
    }

    public static string LoopbackUrl() => $"http://127.0.0.1:{FreePorts.Take()}";

    /// <summary>The API as its Program.cs builds it, with <paramref name="args"/> as its command line.</summary>
    private static async Task<RunningApp> StartApiAsync(string url, string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args });
        builder.WebHost.UseUrls(url);
        builder.AddApplicationServices(args);
        var app = builder.Build();
        app.UseApplicationPipeline();
        app.MapCommerceApi();
        await app.StartAsync();
        return new RunningApp(app);
    }

    /// <summary>A started server that stops gracefully when disposed (its silo deactivates its grains first).</summary>
    public sealed class RunningApp(WebApplication app) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
