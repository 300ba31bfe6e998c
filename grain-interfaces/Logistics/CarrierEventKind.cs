namespace Commerce.GrainInterfaces.Logistics;

/// <summary>What a carrier reports about a parcel, in the order it normally happens.</summary>
public enum CarrierEventKind
{
    PickedUp,
    InTransit,
    OutForDelivery,
    Delivered,
    /// <summary>The parcel is stuck: address not found, damaged, lost. The order enters a logistics exception.</summary>
    Exception,
}
