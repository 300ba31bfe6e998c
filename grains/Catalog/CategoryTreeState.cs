namespace Commerce.Grains.Catalog;

/// <summary>The persisted category tree: display names by path.</summary>
public sealed class CategoryTreeState
{
    public Dictionary<string, string> Names { get; set; } = new(StringComparer.Ordinal);
}
