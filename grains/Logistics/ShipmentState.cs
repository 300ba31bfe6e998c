using Commerce.GrainInterfaces.Logistics;

namespace Commerce.Grains.Logistics;

/// <summary>The persisted tracking of one parcel.</summary>
[GenerateSerializer, Alias("commerce.state.ShipmentState")]
public sealed class ShipmentState
{
    [Id(0)]
    public ShipmentRegistration? Registration { get; set; }

    /// <summary>Ordered by occurrence.</summary>
    [Id(1)]
    public List<CarrierEvent> Events { get; set; } = [];
}
