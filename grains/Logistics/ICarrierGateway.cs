using Commerce.GrainInterfaces.Orders;

namespace Commerce.Grains.Logistics;

/// <summary>
/// A carrier as the order grain uses it: book a parcel (get a tracking number), then hand it over. Tracking comes
/// back later as signed webhooks (<see cref="CarrierWebhookReceiver"/>). The default is <see cref="SandboxCarrier"/>.
/// </summary>
public interface ICarrierGateway
{
    /// <summary>The carrier's name as orders and tracking show it.</summary>
    string Name { get; }

    /// <summary>Books a parcel for <paramref name="orderId"/> and returns its tracking number. No events are sent yet.</summary>
    Task<string> CreateShipmentAsync(IGrainFactory grains, string orderId, ShippingAddress address);

    /// <summary>Hands the parcel over: from now on the carrier reports its progress.</summary>
    Task DispatchAsync(IGrainFactory grains, string trackingNumber);
}
