namespace Commerce.GrainInterfaces.Inventory;

/// <summary>A reservation and its outcome; <see cref="Allocations"/> is set once committed.</summary>
[GenerateSerializer, Immutable, Alias("commerce.ReservationInfo")]
public sealed record ReservationInfo(string ReservationId, int Quantity, int BackorderedQuantity, ReservationStatus Status, DateTimeOffset ExpiresAt, IReadOnlyList<WarehouseAllocation> Allocations);
