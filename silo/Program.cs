using System.Security.Cryptography;
using System.Text;
using Commerce.Postgres.Streams;
using Commerce.Silo;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

// `dotnet run --project silo` runs the embedded default (one process, no database);
// `--postgres <connection string> --cluster-id <id>` joins a cluster. See SiloHostOptions.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args });
builder.Configuration.AddEnvironmentVariables("COMMERCE_");
builder.Configuration.AddCommandLine(args, SiloHostOptions.Switches.ToDictionary());
var options = builder.Configuration.GetSection(SiloHostOptions.Section).Get<SiloHostOptions>() ?? new SiloHostOptions();
if (options.Validate() is { } problem)
{
    Console.Error.WriteLine($"Invalid silo configuration: {problem}");
    return 2;
}

builder.AddCommerceSilo(options);
builder.Services.AddHealthChecks();
builder.Services.AddProblemDetails();

// Metrics, as the API serves them (same Metrics settings, see api/README.md): Prometheus at Metrics:Path (default
// /metrics, anonymous unless Metrics:ScrapeToken is set), and OTLP when OTEL_EXPORTER_OTLP_ENDPOINT or Metrics:OtlpEndpoint is set.
var metrics = builder.Configuration.GetSection("Metrics");
var serveMetrics = metrics.GetValue("Enabled", true);
var metricsPath = metrics["Path"] ?? "/metrics";
var scrapeToken = metrics["ScrapeToken"];
var otlpEndpoint = metrics["OtlpEndpoint"];
var otlp = otlpEndpoint ?? builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
if (serveMetrics || !string.IsNullOrWhiteSpace(otlp))
{
    builder.Services.AddOpenTelemetry()
        .ConfigureResource(resource => resource.AddService("commerce-silo", serviceInstanceId: options.SiloName ?? $"{Environment.MachineName}-{Environment.ProcessId}"))
        .WithMetrics(meters =>
        {
            meters.AddMeter("Microsoft.Orleans", StreamLogMetrics.MeterName, "Commerce.*", "Microsoft.AspNetCore.Hosting", "System.Runtime");
            if (serveMetrics) meters.AddPrometheusExporter();
            if (!string.IsNullOrWhiteSpace(otlp))
                meters.AddOtlpExporter(o =>
                {
                    if (otlpEndpoint is not null) o.Endpoint = new Uri(otlpEndpoint);
                });
        });
}

var app = builder.Build();
app.MapSiloEndpoints();
if (serveMetrics)
{
    app.MapPrometheusScrapingEndpoint(metricsPath, meterProvider: null, configureBranchedPipeline: scrape => scrape.Use(async (http, next) =>
    {
        if (!IsAuthorizedScrape(http.Request.Headers.Authorization.ToString(), scrapeToken))
        {
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            http.Response.Headers.WWWAuthenticate = "Bearer realm=\"metrics\"";
            return;
        }

        await next(http);
    }), optionsName: null);
}

app.Lifetime.ApplicationStarted.Register(() =>
{
    foreach (var address in app.Urls) Console.WriteLine($"Silo listening on {address} (try {address}/products/sku-1/views)");
});
await app.RunAsync();
return 0;

// No token configured: anyone who reaches the port may scrape. Else "Authorization: Bearer <token>", compared in constant time.
static bool IsAuthorizedScrape(string authorization, string? token)
{
    if (string.IsNullOrEmpty(token)) return true;
    const string prefix = "Bearer ";
    if (!authorization.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) return false;
    return CryptographicOperations.FixedTimeEquals(
        SHA256.HashData(Encoding.UTF8.GetBytes(authorization[prefix.Length..].Trim())), SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
