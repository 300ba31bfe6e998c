using Commerce.GrainInterfaces.Catalog;
using Commerce.GrainInterfaces.Common;
using Orleans;

namespace Commerce.Silo;

/// <summary>The few HTTP endpoints the silo serves itself in the embedded default, to show it working.</summary>
internal static class SiloEndpoints
{
    public static IEndpointRouteBuilder MapSiloEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapHealthChecks("/health");
        var products = routes.MapGroup("/products/{sku}").WithTags("Product views");
        products.MapPost("/views", RecordViewAsync).WithName("RecordProductView").WithSummary("Counts one view of a product.");
        products.MapGet("/views", GetViewsAsync).WithName("GetProductViews").WithSummary("Views of a product.");
        return routes;
    }

    private static async Task<IResult> RecordViewAsync(string sku, string? viewer, IGrainFactory grains)
    {
        if (!Identifiers.TryValidateSku("sku", sku, out var error)) return InvalidSku(error);
        var views = await grains.GetGrain<IProductViewsGrain>(sku).RecordViewAsync(viewer);
        return TypedResults.Ok(new { sku, views });
    }

    private static async Task<IResult> GetViewsAsync(string sku, IGrainFactory grains)
    {
        if (!Identifiers.TryValidateSku("sku", sku, out var error)) return InvalidSku(error);
        return TypedResults.Ok(await grains.GetGrain<IProductViewsGrain>(sku).GetStatsAsync());
    }

    private static IResult InvalidSku(string error) => TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["sku"] = [error] });
}
