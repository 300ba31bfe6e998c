using Commerce.GrainInterfaces.Catalog;
using Commerce.GrainInterfaces.Common;

namespace Commerce.Grains.Catalog;

/// <summary>The persisted state of one product.</summary>
[GenerateSerializer, Alias("commerce.state.ProductState")]
public sealed class ProductState : IProjectedState
{
    [Id(0)]
    public bool Created { get; set; }

    [Id(1)]
    public string Name { get; set; } = "";

    [Id(2)]
    public string? Brand { get; set; }

    [Id(3)]
    public string? Origin { get; set; }

    [Id(4)]
    public string? Description { get; set; }

    [Id(5)]
    public Money Price { get; set; } = Money.Zero("EUR");

    [Id(6)]
    public string? CategoryPath { get; set; }

    [Id(7)]
    public Dictionary<string, string> Specs { get; set; } = [];

    [Id(8)]
    public List<string> Images { get; set; } = [];

    [Id(9)]
    public List<ProductTag> Tags { get; set; } = [];

    /// <summary>Tags added from behaviour, weights accumulated per (dimension, value).</summary>
    [Id(10)]
    public List<ProductTag> BehaviourTags { get; set; } = [];

    [Id(11)]
    public ProductStatus Status { get; set; }

    [Id(12)]
    public string? RejectionReason { get; set; }

    [Id(13)]
    public long RatingSum { get; set; }

    [Id(14)]
    public int RatingCount { get; set; }

    [Id(15)]
    public bool InStock { get; set; } = true;

    [Id(16)]
    public DateTimeOffset? OutOfStockSince { get; set; }

    /// <summary>Delisted because stock stayed at zero: relisted automatically when stock returns.</summary>
    [Id(17)]
    public bool AutoDelisted { get; set; }

    [Id(18)]
    public DateTimeOffset CreatedAt { get; set; }

    [Id(19)]
    public DateTimeOffset UpdatedAt { get; set; }

    [Id(20)]
    public DateTimeOffset? ListedAt { get; set; }

    [Id(21)]
    public DateTimeOffset? ScheduledListingAt { get; set; }

    [Id(22)]
    public string? ScheduledListingActor { get; set; }

    [Id(23)]
    public DateTimeOffset? ScheduledDelistingAt { get; set; }

    [Id(24)]
    public string? ScheduledDelistingActor { get; set; }

    [Id(25)]
    public List<ProductTransition> History { get; set; } = [];

    /// <inheritdoc/>
    [Id(26)]
    public bool ReadModelStale { get; set; }
}
