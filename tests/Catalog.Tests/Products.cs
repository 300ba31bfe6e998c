using Commerce.GrainInterfaces.Catalog;
using Commerce.GrainInterfaces.Common;
using Orleans;

namespace Commerce.Catalog.Tests;

/// <summary>Test data: complete product details and the categories they live in.</summary>
public static class Products
{
    public const string Admin = "admin@shop";
    public const string Merchant = "merchant@shop";

    public static ProductDetails Complete(string name = "Pixel Phone", decimal price = 499m, string category = "electronics/phones") => new(
        name,
        "Acme",
        "DE",
        $"The {name}, a fine product.",
        new Money(price, "EUR"),
        category,
        new Dictionary<string, string> { ["color"] = "black" },
        ["https://img.example.com/1.jpg"],
        [new ProductTag("style", "minimal"), new ProductTag("season", "summer")]);

    public static async Task CreateCategoriesAsync(IGrainFactory grains)
    {
        var tree = grains.GetGrain<ICategoryTreeGrain>(ICategoryTreeGrain.SingletonKey);
        await tree.CreateAsync(null, "electronics", "Electronics");
        await tree.CreateAsync("electronics", "phones", "Phones");
        await tree.CreateAsync("electronics", "laptops", "Laptops");
        await tree.CreateAsync(null, "home", "Home");
    }

    /// <summary>Creates, submits, approves and lists a product.</summary>
    public static async Task<IProductGrain> ListedAsync(IGrainFactory grains, string sku, ProductDetails? details = null)
    {
        var product = grains.GetGrain<IProductGrain>(sku);
        await product.CreateAsync(details ?? Complete(), Merchant);
        await product.SubmitAsync(Merchant);
        await product.ApproveAsync(Admin);
        await product.ListAsync(Admin);
        return product;
    }
}
