namespace Commerce.GrainInterfaces.Inventory;

/// <summary>Where a reservation stands.</summary>
public enum ReservationStatus
{
    Pending,
    Committed,
    Released,
    Expired,
}
