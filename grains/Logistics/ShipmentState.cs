using Commerce.GrainInterfaces.Logistics;

namespace Commerce.Grains.Logistics;

/// <summary>The persisted tracking of one parcel.</summary>
public sealed class ShipmentState
{
    public ShipmentRegistration? Registration { get; set; }

    /// <summary>Ordered by occurrence.</summary>
    public List<CarrierEvent> Events { get; set; } = [];
}
