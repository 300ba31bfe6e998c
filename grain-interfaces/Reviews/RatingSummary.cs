namespace Commerce.GrainInterfaces.Reviews;

/// <summary>A product's ratings: count, mean, and counts by stars (<paramref name="CountsByStars"/>[0] is 1 star).</summary>
[GenerateSerializer, Immutable, Alias("commerce.RatingSummary")]
public sealed record RatingSummary(string Sku, int Count, double Average, IReadOnlyList<int> CountsByStars);
