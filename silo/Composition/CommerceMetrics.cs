using System.Security.Cryptography;
using System.Text;
using Commerce.Postgres.Streams;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Commerce.Silo;

/// <summary>
/// Metrics of a silo or API process: Orleans' meter (a silo's, or the client side of grain calls and streams), the commerce meters (<c>Commerce.*</c>, e.g. the stream log's), ASP.NET Core's and the .NET runtime's, served
/// for Prometheus at <c>/metrics</c> and pushed over OTLP when an endpoint is configured. Settings: <see cref="MetricsOptions"/>.
/// </summary>
public static class CommerceMetrics
{
    /// <summary>The meters exported; names ending in <c>*</c> are prefixes.</summary>
    public static readonly IReadOnlyList<string> Meters =
    [
        "Microsoft.Orleans",
        StreamLogMetrics.MeterName,
        "Commerce.*",
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.RateLimiting",
        "System.Runtime",
    ];

    public static IHostApplicationBuilder AddCommerceMetrics(this IHostApplicationBuilder builder, string serviceName)
    {
        builder.Services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.Section);
        var options = builder.Configuration.GetSection(MetricsOptions.Section).Get<MetricsOptions>() ?? new MetricsOptions();
        var otlp = options.OtlpEndpoint ?? builder.Configuration[MetricsOptions.OtlpEndpointVariable];
        if (!options.Enabled && string.IsNullOrWhiteSpace(otlp)) return builder;

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter([.. Meters]);
                if (options.Enabled) metrics.AddPrometheusExporter();
                if (!string.IsNullOrWhiteSpace(otlp))
                {
                    // OTEL_EXPORTER_OTLP_ENDPOINT, _PROTOCOL and _HEADERS are read by the exporter itself; Metrics:OtlpEndpoint overrides the endpoint.
                    metrics.AddOtlpExporter(o =>
                    {
                        if (options.OtlpEndpoint is { } endpoint) o.Endpoint = new Uri(endpoint);
                    });
                }
            });
        return builder;
    }

    /// <summary>Maps the Prometheus scrape endpoint (when enabled), behind the scrape token when one is set.</summary>
    public static IEndpointRouteBuilder MapCommerceMetrics(this IEndpointRouteBuilder routes)
    {
        var options = routes.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<MetricsOptions>>().Value;
        if (!options.Enabled) return routes;
        routes.MapPrometheusScrapingEndpoint(options.Path, meterProvider: null, configureBranchedPipeline: scrape => scrape.Use(async (http, next) =>
            {
                if (!IsAuthorizedScrape(http, options.ScrapeToken))
                {
                    http.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    http.Response.Headers.WWWAuthenticate = "Bearer realm=\"metrics\"";
                    return;
                }

                await next(http);
            }), optionsName: null)
            .DisableRateLimiting();
        return routes;
    }

    /// <summary>No token configured: anyone who reaches the port may scrape. Else <c>Authorization: Bearer &lt;token&gt;</c>, compared in constant time.</summary>
    public static bool IsAuthorizedScrape(HttpContext http, string? scrapeToken)
    {
        if (string.IsNullOrEmpty(scrapeToken)) return true;
        var header = http.Request.Headers.Authorization.ToString();
        const string prefix = "Bearer ";
        if (!header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) return false;
        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(header[prefix.Length..].Trim()));
        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(scrapeToken));
        return CryptographicOperations.FixedTimeEquals(presented, expected);
    }
}
