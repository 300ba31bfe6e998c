using Commerce.GrainInterfaces.Cart;
using Commerce.GrainInterfaces.Common;
using Orleans;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Commerce.Api.Apis;

/// <summary>The shopping cart of the signed-in user, or of a guest named by the X-Cart-Session header.</summary>
public static class CartApi
{
    /// <summary>Most SKUs one batch request may name.</summary>
    public const int MaxBatch = 100;

    public static IEndpointRouteBuilder MapCartApi(this IEndpointRouteBuilder routes)
    {
        var cart = routes.MapGroup("/cart").WithTags("Cart");
        cart.MapGet("/", GetAsync).WithName("GetCart").WithSummary("The cart.");
        cart.MapPost("/items", AddItemAsync).WithName("AddCartItem").WithSummary("Adds units of a SKU (summed with what is there).");
        cart.MapPut("/items/{sku}", ChangeQuantityAsync).WithName("ChangeCartItemQuantity").WithSummary("Sets a line's quantity; 0 removes it.");
        cart.MapDelete("/items/{sku}", RemoveItemAsync).WithName("RemoveCartItem").WithSummary("Removes a line.");
        cart.MapPost("/items/remove", RemoveItemsAsync).WithName("RemoveCartItems").WithSummary("Removes several lines at once.");
        cart.MapPut("/selection", SelectAsync).WithName("SelectCartItems").WithSummary("Selects exactly these SKUs for checkout.");
        cart.MapGet("/preview", PreviewAsync).WithName("PreviewCart").WithSummary("Prices the selected lines with promotions; checkout expects this total.");
        return routes;
    }

    public sealed record AddItemRequest(string Sku, int Quantity);

    public sealed record QuantityRequest(int Quantity);

    public sealed record SkusRequest(IReadOnlyList<string> Skus);

    internal static async Task<Ok<CartView>> GetAsync(HttpContext http, IGrainFactory grains) =>
        TypedResults.Ok(await GuestCarts.Cart(grains, http).GetAsync());

    internal static async Task<Ok<CartView>> AddItemAsync(AddItemRequest request, HttpContext http, IGrainFactory grains) =>
        TypedResults.Ok(await GuestCarts.Cart(grains, http).AddItemAsync(Identifiers.RequireSku("sku", request.Sku), Quantities.RequireInRange("quantity", request.Quantity, 1, Quantities.MaxPerLine)));

    internal static async Task<Ok<CartView>> ChangeQuantityAsync(string sku, QuantityRequest request, HttpContext http, IGrainFactory grains) =>
        TypedResults.Ok(await GuestCarts.Cart(grains, http).ChangeQuantityAsync(Identifiers.RequireSku("sku", sku), Quantities.RequireInRange("quantity", request.Quantity, 0, Quantities.MaxPerLine)));

    internal static async Task<Ok<CartView>> RemoveItemAsync(string sku, HttpContext http, IGrainFactory grains) =>
        TypedResults.Ok(await GuestCarts.Cart(grains, http).RemoveItemAsync(Identifiers.RequireSku("sku", sku)));

    internal static async Task<Ok<CartView>> RemoveItemsAsync(SkusRequest request, HttpContext http, IGrainFactory grains) =>
        TypedResults.Ok(await GuestCarts.Cart(grains, http).RemoveItemsAsync(Skus(request)));

    internal static async Task<Ok<CartView>> SelectAsync(SkusRequest request, HttpContext http, IGrainFactory grains) =>
        TypedResults.Ok(await GuestCarts.Cart(grains, http).SelectForCheckoutAsync(Skus(request)));

    internal static async Task<Ok<CartPricePreview>> PreviewAsync(HttpContext http, IGrainFactory grains) =>
        TypedResults.Ok(await GuestCarts.Cart(grains, http).PreviewAsync());

    private static IReadOnlyList<string> Skus(SkusRequest request)
    {
        if (request.Skus.Count > MaxBatch) throw new InvalidInputException("skus", $"At most {MaxBatch} SKUs per request.");
        return request.Skus.Select(s => Identifiers.RequireSku("skus", s)).ToArray();
    }
}
