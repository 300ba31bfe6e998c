using Commerce.GrainInterfaces.Cart;

namespace Commerce.Grains.Cart;

/// <summary>The persisted cart.</summary>
public sealed class CartState
{
    /// <summary>In the order first added.</summary>
    public List<CartLine> Lines { get; set; } = [];

    public DateTimeOffset? UpdatedAt { get; set; }

    /// <summary>The <see cref="UpdatedAt"/> an abandonment event was published for (one event per idle period).</summary>
    public DateTimeOffset? AbandonmentReportedFor { get; set; }

    /// <summary>Whether the abandonment reminder is registered (saves a reminder write on every change).</summary>
    public bool AbandonmentWatched { get; set; }
}
