namespace Commerce.GrainInterfaces.Catalog;

/// <summary>A node of the category tree.</summary>
/// <param name="Path">Slugs from the root joined by '/', e.g. <c>electronics/phones</c>; the identity products refer to.</param>
/// <param name="Name">The display name, e.g. <c>Mobile phones</c>.</param>
/// <param name="ParentPath">Null for a top-level category.</param>
[GenerateSerializer, Immutable, Alias("commerce.Category")]
public sealed record Category(string Path, string Name, string? ParentPath);
