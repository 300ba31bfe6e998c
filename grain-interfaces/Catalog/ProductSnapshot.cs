using Commerce.GrainInterfaces.Common;

namespace Commerce.GrainInterfaces.Catalog;

/// <summary>A product as it is now.</summary>
/// <param name="RatingAverage">Mean of the applied review ratings (1-5); 0 when there are none.</param>
/// <param name="InStock">Whether inventory last reported available stock (true until inventory says otherwise).</param>
/// <param name="ScheduledListingAt">When a scheduled listing will happen, if one is pending.</param>
/// <param name="ScheduledDelistingAt">When a scheduled delisting will happen, if one is pending.</param>
[GenerateSerializer, Immutable, Alias("commerce.ProductSnapshot")]
public sealed record ProductSnapshot(
    string Sku,
    string Name,
    string? Brand,
    string? Origin,
    string? Description,
    Money Price,
    string? CategoryPath,
    ProductStatus Status,
    IReadOnlyDictionary<string, string> Specs,
    IReadOnlyList<string> Images,
    IReadOnlyList<ProductTag> Tags,
    double RatingAverage,
    int RatingCount,
    bool InStock,
    string? RejectionReason,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ListedAt,
    DateTimeOffset? ScheduledListingAt,
    DateTimeOffset? ScheduledDelistingAt);
