namespace Commerce.Grains.Catalog;

/// <summary>The persisted category tree: display names by path.</summary>
[GenerateSerializer, Alias("commerce.state.CategoryTreeState")]
public sealed class CategoryTreeState
{
    [Id(0)]
    public Dictionary<string, string> Names { get; set; } = new(StringComparer.Ordinal);
}
