using Commerce.GrainInterfaces.Common;

namespace Commerce.GrainInterfaces.Catalog;

/// <summary>What a merchant enters for a product; validated by the product grain.</summary>
/// <param name="CategoryPath">A path in the category tree, e.g. <c>electronics/phones</c>; must exist.</param>
/// <param name="Specs">Attributes such as <c>color</c> or <c>weight</c>, by name.</param>
/// <param name="Images">Absolute http(s) URLs, the first is the main image.</param>
/// <param name="Tags">Merchant tags; behaviour-derived tags are added with <see cref="IProductGrain.AddBehaviourTagsAsync"/>.</param>
[GenerateSerializer, Immutable, Alias("commerce.ProductDetails")]
public sealed record ProductDetails(
    string Name,
    string? Brand,
    string? Origin,
    string? Description,
    Money Price,
    string? CategoryPath,
    IReadOnlyDictionary<string, string>? Specs = null,
    IReadOnlyList<string>? Images = null,
    IReadOnlyList<ProductTag>? Tags = null);
