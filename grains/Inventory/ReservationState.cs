using Commerce.GrainInterfaces.Inventory;

namespace Commerce.Grains.Inventory;

/// <summary>One reservation, remembered after it ends so retries are answered the same way.</summary>
[GenerateSerializer, Alias("commerce.state.ReservationState")]
public sealed class ReservationState
{
    [Id(0)]
    public int Quantity { get; set; }

    /// <summary>Units held per warehouse while pending.</summary>
    [Id(1)]
    public Dictionary<string, int> Held { get; set; } = new(StringComparer.Ordinal);

    [Id(2)]
    public int Backordered { get; set; }

    [Id(3)]
    public DateOnly? ExpectedDate { get; set; }

    [Id(4)]
    public DateTimeOffset ExpiresAt { get; set; }

    [Id(5)]
    public ReservationStatus Status { get; set; }

    [Id(6)]
    public DateTimeOffset? EndedAt { get; set; }

    [Id(7)]
    public List<WarehouseAllocation> Allocations { get; set; } = [];
}
