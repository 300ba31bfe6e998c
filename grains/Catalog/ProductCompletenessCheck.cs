using Commerce.GrainInterfaces.Catalog;

namespace Commerce.Grains.Catalog;

/// <summary>Which information a product must have before it may be reviewed. Name and price are required on entry.</summary>
public static class ProductCompletenessCheck
{
    public static ProductCompleteness Check(ProductDetails details)
    {
        var missing = new List<string>();
        if (string.IsNullOrWhiteSpace(details.Brand)) missing.Add("brand");
        if (string.IsNullOrWhiteSpace(details.Origin)) missing.Add("origin");
        if (string.IsNullOrWhiteSpace(details.Description)) missing.Add("description");
        if (string.IsNullOrWhiteSpace(details.CategoryPath)) missing.Add("categoryPath");
        if (details.Specs is not { Count: > 0 }) missing.Add("specs");
        if (details.Images is not { Count: > 0 }) missing.Add("images");
        return new ProductCompleteness(missing.Count == 0, missing);
    }
}
