using System.Security.Claims;
using Commerce.Api.Auditing;
using Commerce.Api.Errors;
using Commerce.Api.Security;
using Commerce.GrainInterfaces.Catalog;
using Commerce.GrainInterfaces.Common;
using Commerce.GrainInterfaces.Inventory;
using Orleans;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Commerce.Api.Apis;

/// <summary>Merchandising (products, the listing review queue, categories) and operations (inventory). Every change is audited.</summary>
public static class AdminCatalogApi
{
    public const int MaxPageSize = 100;

    public static IEndpointRouteBuilder MapAdminCatalogApi(this IEndpointRouteBuilder routes)
    {
        var products = routes.MapGroup("/admin/products").WithTags("Admin: products")
            .RequireAuthorization(Policies.Merchandising).AddEndpointFilter<AdminAuditFilter>();
        products.MapGet("/", ListByStatusAsync).WithName("ListProductsByStatus").WithSummary("Products in a status, oldest update first.");
        products.MapGet("/review-queue", ReviewQueueAsync).WithName("GetListingReviewQueue").WithSummary("Submitted products awaiting review, oldest first.");
        products.MapPost("/", CreateAsync).WithName("CreateProduct").WithSummary("Creates a product as a draft.");
        products.MapGet("/{sku}", GetAsync).WithName("GetProductForAdmin").WithSummary("A product in any status, with its completeness.");
        products.MapPut("/{sku}", UpdateAsync).WithName("UpdateProduct").WithSummary("Replaces a product's information.");
        products.MapPost("/{sku}/submit", (string sku, ClaimsPrincipal user, IGrainFactory grains) => TransitionAsync(grains, sku, p => p.SubmitAsync(Actors.Of(user))))
            .WithName("SubmitProduct").WithSummary("Submits a draft for listing review.");
        products.MapPost("/{sku}/approve", (string sku, ClaimsPrincipal user, IGrainFactory grains) => TransitionAsync(grains, sku, p => p.ApproveAsync(Actors.Of(user))))
            .WithName("ApproveProduct").WithSummary("Approves a submitted product.");
        products.MapPost("/{sku}/reject", (string sku, ReasonBody body, ClaimsPrincipal user, IGrainFactory grains) => TransitionAsync(grains, sku, p => p.RejectAsync(body.Reason, Actors.Of(user))))
            .WithName("RejectProduct").WithSummary("Rejects a submitted product with a reason.");
        products.MapPost("/{sku}/list", (string sku, ClaimsPrincipal user, IGrainFactory grains) => TransitionAsync(grains, sku, p => p.ListAsync(Actors.Of(user))))
            .WithName("ListProduct").WithSummary("Lists an approved product.");
        products.MapPost("/{sku}/delist", (string sku, ReasonBody body, ClaimsPrincipal user, IGrainFactory grains) => TransitionAsync(grains, sku, p => p.DelistAsync(Actors.Of(user), body.Reason)))
            .WithName("DelistProduct").WithSummary("Delists a listed product.");
        products.MapPost("/{sku}/schedule", ScheduleAsync).WithName("ScheduleProduct").WithSummary("Schedules listing and/or delisting.");

        var categories = routes.MapGroup("/admin/categories").WithTags("Admin: products")
            .RequireAuthorization(Policies.Merchandising).AddEndpointFilter<AdminAuditFilter>();
        categories.MapPost("/", CreateCategoryAsync).WithName("CreateCategory").WithSummary("Creates a category under a parent (null: top level).");

        var inventory = routes.MapGroup("/admin/inventory").WithTags("Admin: inventory")
            .RequireAuthorization(Policies.Operations).AddEndpointFilter<AdminAuditFilter>();
        inventory.MapGet("/{sku}", GetStockAsync).WithName("GetStock").WithSummary("Stock of a SKU by warehouse.");
        inventory.MapPut("/{sku}/warehouses/{warehouseId}", SetStockAsync).WithName("SetStock").WithSummary("Sets a warehouse's on-hand count (stock take).");
        inventory.MapPost("/{sku}/warehouses/{warehouseId}/receipts", ReceiveAsync).WithName("ReceiveStock").WithSummary("Adds received units to a warehouse.");
        inventory.MapPut("/{sku}/low-stock-threshold", SetThresholdAsync).WithName("SetLowStockThreshold").WithSummary("Alerts when available stock falls to this level (0: off).");
        inventory.MapGet("/{sku}/alerts", GetAlertsAsync).WithName("GetLowStockAlerts").WithSummary("Low-stock alerts, newest first.");
        return routes;
    }

    public sealed record CreateProductBody(string Sku, ProductDetails Details);

    public sealed record ReasonBody(string Reason);

    public sealed record ScheduleBody(DateTimeOffset? ListAt = null, DateTimeOffset? DelistAt = null);

    public sealed record CategoryBody(string Slug, string Name, string? ParentPath = null);

    public sealed record StockBody(int OnHand);

    public sealed record ReceiptBody(int Quantity);

    public sealed record ThresholdBody(int Threshold);

    public sealed record AdminProductView(ProductSnapshot Product, ProductCompleteness Completeness);

    internal static async Task<Ok<CatalogPage>> ListByStatusAsync(IGrainFactory grains, string status = "draft", int page = 1, int pageSize = 20) =>
        TypedResults.Ok(await grains.GetGrain<ICatalogQueryGrain>(0).ListByStatusAsync(
            Edge.OptionalEnum<ProductStatus>("status", status)!.Value, Edge.Range("page", page, 1, 10_000), Edge.Range("pageSize", pageSize, 1, MaxPageSize)));

    internal static Task<Ok<CatalogPage>> ReviewQueueAsync(IGrainFactory grains, int page = 1, int pageSize = 20) =>
        ListByStatusAsync(grains, nameof(ProductStatus.Submitted), page, pageSize);

    internal static async Task<Created<ProductSnapshot>> CreateAsync(CreateProductBody body, ClaimsPrincipal user, IGrainFactory grains)
    {
        var product = await grains.GetGrain<IProductGrain>(Identifiers.RequireSku("sku", body.Sku)).CreateAsync(body.Details, Actors.Of(user));
        return TypedResults.Created($"/admin/products/{product.Sku}", product);
    }

    internal static async Task<Ok<AdminProductView>> GetAsync(string sku, IGrainFactory grains)
    {
        var product = grains.GetGrain<IProductGrain>(Identifiers.RequireSku("sku", sku));
        var snapshot = await product.GetAsync() ?? throw new Commerce.GrainInterfaces.Common.NotFoundException("product", sku);
        return TypedResults.Ok(new AdminProductView(snapshot, await product.GetCompletenessAsync()));
    }

    internal static async Task<Ok<ProductSnapshot>> UpdateAsync(string sku, ProductDetails details, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IProductGrain>(Identifiers.RequireSku("sku", sku)).UpdateAsync(details, Actors.Of(user)));

    internal static async Task<Ok<ProductSnapshot>> ScheduleAsync(string sku, ScheduleBody body, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (body.ListAt is null && body.DelistAt is null) throw new Commerce.GrainInterfaces.Common.InvalidInputException("listAt", "Give listAt, delistAt or both.");
        var product = grains.GetGrain<IProductGrain>(Identifiers.RequireSku("sku", sku));
        ProductSnapshot? snapshot = null;
        if (body.ListAt is { } listAt) snapshot = await product.ScheduleListingAsync(listAt, Actors.Of(user));
        if (body.DelistAt is { } delistAt) snapshot = await product.ScheduleDelistingAsync(delistAt, Actors.Of(user));
        return TypedResults.Ok(snapshot!);
    }

    internal static async Task<Created<Category>> CreateCategoryAsync(CategoryBody body, IGrainFactory grains)
    {
        var category = await grains.GetGrain<ICategoryTreeGrain>(ICategoryTreeGrain.SingletonKey).CreateAsync(body.ParentPath, body.Slug, body.Name);
        return TypedResults.Created($"/catalog/categories", category);
    }

    internal static async Task<Ok<StockLevel>> GetStockAsync(string sku, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IInventoryGrain>(Identifiers.RequireSku("sku", sku)).GetAsync());

    internal static async Task<Ok<StockLevel>> SetStockAsync(string sku, string warehouseId, StockBody body, ClaimsPrincipal user, IGrainFactory grains)
    {
        var inventory = grains.GetGrain<IInventoryGrain>(Identifiers.RequireSku("sku", sku));
        await inventory.SetStockAsync(Identifiers.RequireId("warehouseId", warehouseId), Edge.Range("onHand", body.OnHand, 0, int.MaxValue), Actors.Of(user));
        return TypedResults.Ok(await inventory.GetAsync());
    }

    internal static async Task<Ok<StockLevel>> ReceiveAsync(string sku, string warehouseId, ReceiptBody body, ClaimsPrincipal user, IGrainFactory grains)
    {
        var inventory = grains.GetGrain<IInventoryGrain>(Identifiers.RequireSku("sku", sku));
        await inventory.ReceiveAsync(Identifiers.RequireId("warehouseId", warehouseId), Edge.Range("quantity", body.Quantity, 1, int.MaxValue), Actors.Of(user));
        return TypedResults.Ok(await inventory.GetAsync());
    }

    internal static async Task<Ok<StockLevel>> SetThresholdAsync(string sku, ThresholdBody body, IGrainFactory grains)
    {
        var inventory = grains.GetGrain<IInventoryGrain>(Identifiers.RequireSku("sku", sku));
        await inventory.SetLowStockThresholdAsync(Edge.Range("threshold", body.Threshold, 0, int.MaxValue));
        return TypedResults.Ok(await inventory.GetAsync());
    }

    internal static async Task<Ok<IReadOnlyList<LowStockAlert>>> GetAlertsAsync(string sku, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IInventoryGrain>(Identifiers.RequireSku("sku", sku)).GetLowStockAlertsAsync());

    private static async Task<Ok<ProductSnapshot>> TransitionAsync(IGrainFactory grains, string sku, Func<IProductGrain, Task<ProductSnapshot>> transition) =>
        TypedResults.Ok(await transition(grains.GetGrain<IProductGrain>(Identifiers.RequireSku("sku", sku))));
}
