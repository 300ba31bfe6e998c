using Commerce.GrainInterfaces.Inventory;

namespace Commerce.Grains.Inventory;

/// <summary>One reservation, remembered after it ends so retries are answered the same way.</summary>
public sealed class ReservationState
{
    public int Quantity { get; set; }

    /// <summary>Units held per warehouse while pending.</summary>
    public Dictionary<string, int> Held { get; set; } = new(StringComparer.Ordinal);

    public int Backordered { get; set; }

    public DateOnly? ExpectedDate { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public ReservationStatus Status { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    public List<WarehouseAllocation> Allocations { get; set; } = [];
}
