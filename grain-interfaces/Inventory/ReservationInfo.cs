namespace Commerce.GrainInterfaces.Inventory;

/// <summary>A reservation and its outcome; <see cref="Allocations"/> is set once committed.</summary>
public sealed record ReservationInfo(string ReservationId, int Quantity, int BackorderedQuantity, ReservationStatus Status, DateTimeOffset ExpiresAt, IReadOnlyList<WarehouseAllocation> Allocations);
