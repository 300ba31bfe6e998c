using Commerce.GrainInterfaces.Catalog;
using Commerce.GrainInterfaces.Common;

namespace Commerce.Grains.Catalog;

/// <summary>The persisted state of one product.</summary>
public sealed class ProductState : IProjectedState
{
    public bool Created { get; set; }

    public string Name { get; set; } = "";

    public string? Brand { get; set; }

    public string? Origin { get; set; }

    public string? Description { get; set; }

    public Money Price { get; set; } = Money.Zero("EUR");

    public string? CategoryPath { get; set; }

    public Dictionary<string, string> Specs { get; set; } = [];

    public List<string> Images { get; set; } = [];

    public List<ProductTag> Tags { get; set; } = [];

    /// <summary>Tags added from behaviour, weights accumulated per (dimension, value).</summary>
    public List<ProductTag> BehaviourTags { get; set; } = [];

    public ProductStatus Status { get; set; }

    public string? RejectionReason { get; set; }

    public long RatingSum { get; set; }

    public int RatingCount { get; set; }

    public bool InStock { get; set; } = true;

    public DateTimeOffset? OutOfStockSince { get; set; }

    /// <summary>Delisted because stock stayed at zero: relisted automatically when stock returns.</summary>
    public bool AutoDelisted { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? ListedAt { get; set; }

    public DateTimeOffset? ScheduledListingAt { get; set; }

    public string? ScheduledListingActor { get; set; }

    public DateTimeOffset? ScheduledDelistingAt { get; set; }

    public string? ScheduledDelistingActor { get; set; }

    public List<ProductTransition> History { get; set; } = [];

    /// <inheritdoc/>
    public bool ReadModelStale { get; set; }
}
