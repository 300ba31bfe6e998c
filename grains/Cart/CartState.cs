using Commerce.GrainInterfaces.Cart;

namespace Commerce.Grains.Cart;

/// <summary>The persisted cart.</summary>
[GenerateSerializer, Alias("commerce.state.CartState")]
public sealed class CartState
{
    /// <summary>In the order first added.</summary>
    [Id(0)]
    public List<CartLine> Lines { get; set; } = [];

    [Id(1)]
    public DateTimeOffset? UpdatedAt { get; set; }

    /// <summary>The <see cref="UpdatedAt"/> an abandonment event was published for (one event per idle period).</summary>
    [Id(2)]
    public DateTimeOffset? AbandonmentReportedFor { get; set; }

    /// <summary>Whether the abandonment reminder is registered (saves a reminder write on every change).</summary>
    [Id(3)]
    public bool AbandonmentWatched { get; set; }
}
