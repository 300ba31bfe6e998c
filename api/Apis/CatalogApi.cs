using System.Security.Claims;
using Commerce.Api.Errors;
using Commerce.Api.Security;
using Commerce.GrainInterfaces.Catalog;
using Commerce.GrainInterfaces.Common;
using Commerce.GrainInterfaces.Reviews;
using Orleans;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Commerce.Api.Apis;

/// <summary>The storefront catalog: browse listed products, product detail, categories and reviews.</summary>
public static class CatalogApi
{
    public const int MaxPageSize = 100;

    public static IEndpointRouteBuilder MapCatalogApi(this IEndpointRouteBuilder routes)
    {
        var catalog = routes.MapGroup("/catalog").WithTags("Catalog");
        catalog.MapGet("/products", BrowseAsync).WithName("BrowseCatalog").WithSummary("Listed products, filtered by category, text and price, sorted and paged.");
        catalog.MapGet("/products/{sku}", GetProductAsync).WithName("GetProduct").WithSummary("A listed product's details.");
        catalog.MapGet("/categories", GetCategoriesAsync).WithName("GetCategories").WithSummary("The category tree, ordered by path.");
        catalog.MapGet("/products/{sku}/reviews", GetReviewsAsync).WithName("GetProductReviews").WithSummary("A product's reviews, newest first, with its rating summary.");
        catalog.MapPost("/products/{sku}/reviews", SubmitReviewAsync).WithName("SubmitProductReview")
            .WithSummary("Reviews a product received in a delivered order (once).").RequireAuthorization();
        return routes;
    }

    public sealed record ReviewRequest(string OrderId, int Rating, string Text);

    public sealed record ReviewsResponse(RatingSummary Summary, ReviewPage Reviews);

    internal static async Task<Ok<CatalogPage>> BrowseAsync(
        IGrainFactory grains, string? category = null, string? q = null, decimal? minPrice = null, decimal? maxPrice = null,
        string? sort = null, int page = 1, int pageSize = 20)
    {
        if (minPrice < 0) throw new InvalidInputException("minPrice", "'minPrice' must not be negative.");
        if (maxPrice < 0) throw new InvalidInputException("maxPrice", "'maxPrice' must not be negative.");
        var query = new CatalogQuery(
            Edge.OptionalText("category", category, 200), Edge.OptionalText("q", q, 200), minPrice, maxPrice,
            Edge.OptionalEnum<CatalogSort>("sort", sort) ?? CatalogSort.Newest,
            Edge.Range("page", page, 1, 10_000), Edge.Range("pageSize", pageSize, 1, MaxPageSize));
        return TypedResults.Ok(await grains.GetGrain<ICatalogQueryGrain>(0).BrowseAsync(query));
    }

    internal static async Task<Ok<ProductSnapshot>> GetProductAsync(string sku, IGrainFactory grains)
    {
        var product = await grains.GetGrain<IProductGrain>(Identifiers.RequireSku("sku", sku)).GetAsync();
        // Shoppers see listed products only; drafts and delisted ones are the merchandisers' business.
        if (product is null || product.Status != ProductStatus.Listed) throw new NotFoundException("product", sku);
        return TypedResults.Ok(product);
    }

    internal static async Task<Ok<IReadOnlyList<Category>>> GetCategoriesAsync(IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<ICategoryTreeGrain>(ICategoryTreeGrain.SingletonKey).GetAllAsync());

    internal static async Task<Ok<ReviewsResponse>> GetReviewsAsync(string sku, IGrainFactory grains, int page = 1, int pageSize = 20)
    {
        var reviews = grains.GetGrain<IProductReviewsGrain>(Identifiers.RequireSku("sku", sku));
        var summary = await reviews.GetSummaryAsync();
        return TypedResults.Ok(new ReviewsResponse(summary, await reviews.GetPageAsync(Edge.Range("page", page, 1, 10_000), Edge.Range("pageSize", pageSize, 1, MaxPageSize))));
    }

    internal static async Task<Created<ProductReview>> SubmitReviewAsync(string sku, ReviewRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var review = await grains.GetGrain<IProductReviewsGrain>(Identifiers.RequireSku("sku", sku))
            .SubmitAsync(new ReviewSubmission(user.UserId(), Identifiers.RequireId("orderId", request.OrderId), request.Rating, request.Text));
        return TypedResults.Created($"/catalog/products/{sku}/reviews", review);
    }
}
