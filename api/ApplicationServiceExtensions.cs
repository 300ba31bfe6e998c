using System.Text.Json;
using System.Text.Json.Serialization;
using Commerce.Api.Apis;
using Commerce.Api.Auditing;
using Commerce.Api.Errors;
using Commerce.Api.Hosting;
using Commerce.Api.Security;
using Commerce.Silo;
using Orleans;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Commerce.Api;

/// <summary>All of the API's wiring: grains (embedded or cluster), auth, errors, limits, OpenAPI, health.</summary>
public static class ApplicationServiceExtensions
{
    public static WebApplicationBuilder AddApplicationServices(this WebApplicationBuilder builder, string[] args)
    {
        builder.Configuration.AddEnvironmentVariables("COMMERCE_");
        builder.Configuration.AddCommandLine(args, ApiHostOptions.Switches.ToDictionary());
        var services = builder.Services;
        var host = builder.Configuration.GetSection(ApiHostOptions.Section).Get<ApiHostOptions>() ?? new ApiHostOptions();
        if (host.Validate() is { } problem) throw new InvalidOperationException($"Invalid API configuration: {problem}");
        services.AddOptions<ApiHostOptions>().BindConfiguration(ApiHostOptions.Section);

        // Grains: hosted services start in registration order, so the silo or the cluster connection is
        // up before the admin bootstrap and before the server takes requests.
        var embedded = host.Postgres is null;
        if (embedded)
        {
            // A co-hosted silo: grain calls from the endpoints are in-process; no gateway is opened.
            builder.AddCommerceSilo(new SiloHostOptions { SiloPort = host.EmbeddedSiloPort, GatewayPort = 0 });
        }
        else if (host.Postgres is { } postgres)
        {
            services.AddCommerceSchemaMigration(postgres);
            // Bearer tokens must be readable by every API host behind the load balancer.
            services.UsePostgresDataProtection(postgres);
            builder.UseCommerceClusterClient(host);
        }

        services.TryAddSingleton(TimeProvider.System);

        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section);
        services.AddHostedService(sp => new StaffBootstrapService(sp, sp.GetRequiredService<IOptions<AuthOptions>>(), embedded, sp.GetRequiredService<ILogger<StaffBootstrapService>>()));
        // Bearer stays the default scheme: API endpoints never accept the ops cookie, only the dashboard policy does.
        services.AddAuthentication(BearerTokenDefaults.AuthenticationScheme).AddBearerToken().AddOpsCookie();
        services.AddOptions<BearerTokenOptions>(BearerTokenDefaults.AuthenticationScheme).Configure<IOptions<AuthOptions>>((bearer, auth) =>
        {
            bearer.BearerTokenExpiration = auth.Value.AccessTokenLifetime;
            bearer.RefreshTokenExpiration = auth.Value.RefreshTokenLifetime;
        });
        services.AddTransient<IClaimsTransformation, CurrentAccountClaimsTransformation>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, SignedOutAccountResultHandler>();
        services.AddAuthorizationBuilder().AddCommercePolicies().AddOpsPolicies();
        builder.AddOpsDashboard(embedded);
        builder.AddCommerceMetrics("commerce-api");
        services.AddClientRateLimiting();

        services.AddOptions<RequestLimitsOptions>().BindConfiguration(RequestLimitsOptions.Section);
        services.AddProblemDetails();
        services.AddExceptionHandler<ApiExceptionHandler>();
        // Malformed input must surface as an exception the handler maps to a 400 naming the field.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(o => ConfigureJson(o.SerializerOptions));
        services.AddScoped<AdminAuditFilter>();

        services.AddHealthChecks().AddCheck<ClusterReadinessCheck>("cluster", tags: ["ready"]);
        services.AddOpenApi(o => o.AddDocumentTransformer<BearerSecuritySchemeTransformer>());
        return builder;
    }

    /// <summary>Strict request JSON: unknown members, nulls in non-nullable fields, missing required fields and numeric enums are errors.</summary>
    public static void ConfigureJson(JsonSerializerOptions json)
    {
        json.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        json.RespectNullableAnnotations = true;
        json.RespectRequiredConstructorParameters = true;
        json.NumberHandling = JsonNumberHandling.Strict;
        json.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
    }

    public static WebApplication UseApplicationPipeline(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<RequestLimitsMiddleware>();
        app.UseRouting();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseSwaggerUI(o =>
        {
            o.SwaggerEndpoint("/openapi/v1.json", "Commerce API v1");
            o.RoutePrefix = "swagger";
        });
        return app;
    }

    public static IEndpointRouteBuilder MapCommerceApi(this IEndpointRouteBuilder routes)
    {
        routes.MapOpenApi();
        // Probes from the orchestrator are never rate-limited.
        routes.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).DisableRateLimiting();
        routes.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }).DisableRateLimiting();
        routes.MapAuthApi();
        routes.MapAccountApi();
        routes.MapCatalogApi();
        routes.MapCartApi();
        routes.MapCheckoutApi();
        routes.MapOrdersApi();
        routes.MapWebhooksApi();
        routes.MapAdminUsersApi();
        routes.MapAdminAuditApi();
        routes.MapAdminCatalogApi();
        routes.MapAdminOrdersApi();
        routes.MapOpsApi();
        routes.MapCommerceMetrics();
        return routes;
    }
}
