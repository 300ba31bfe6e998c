namespace Commerce.GrainInterfaces.Catalog;

/// <summary>Views of one product.</summary>
/// <param name="RecentViewers">The most recent distinct signed-in viewers, newest first.</param>
[GenerateSerializer, Immutable, Alias("commerce.ProductViewStats")]
public sealed record ProductViewStats(string Sku, long Views, DateTimeOffset? LastViewedAt, IReadOnlyList<string> RecentViewers);
