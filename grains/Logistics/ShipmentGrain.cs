using Commerce.GrainInterfaces.Common;
using Commerce.GrainInterfaces.Logistics;
using Commerce.GrainInterfaces.Orders;

namespace Commerce.Grains.Logistics;

/// <summary>One parcel's tracking: records verified carrier events once each and passes them to the order.</summary>
[GrainType("shipment")]
public sealed class ShipmentGrain([PersistentState("shipment")] IPersistentState<ShipmentState> state) : Grain, IShipmentGrain
{
    private static readonly (string Name, CarrierEventKind? Kind)[] Steps =
    [
        ("Shipped", null),
        ("Picked up", CarrierEventKind.PickedUp),
        ("In transit", CarrierEventKind.InTransit),
        ("Out for delivery", CarrierEventKind.OutForDelivery),
        ("Delivered", CarrierEventKind.Delivered),
    ];

    public async Task RegisterAsync(ShipmentRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        if (registration.TrackingNumber != this.GetPrimaryKeyString()) throw new InvalidInputException("trackingNumber", "The registration is for another tracking number.");
        if (string.IsNullOrWhiteSpace(registration.OrderId)) throw new InvalidInputException("orderId", "A shipment belongs to an order.");
        if (state.State.Registration is { } existing)
        {
            if (existing.OrderId != registration.OrderId) throw new ConflictException("tracking-number-taken", $"Tracking number {registration.TrackingNumber} carries another order.");
            return;
        }
        state.State.Registration = registration;
        await state.WriteStateAsync();
    }

    public async Task<bool> RecordCarrierEventAsync(CarrierEvent carrierEvent)
    {
        ArgumentNullException.ThrowIfNull(carrierEvent);
        var registration = Registered();
        if (carrierEvent.TrackingNumber != this.GetPrimaryKeyString()) throw new InvalidInputException("trackingNumber", "The event is for another parcel.");
        var isNew = !state.State.Events.Any(e => e.EventId == carrierEvent.EventId);
        if (isNew)
        {
            var events = state.State.Events;
            var at = events.FindIndex(e => e.OccurredAt > carrierEvent.OccurredAt);
            events.Insert(at < 0 ? events.Count : at, carrierEvent);
            await state.WriteStateAsync();
        }

        // Forwarded again on a duplicate too: if the order missed it (a failed call), the carrier's retry repairs it;
        // the order ignores events it already applied.
        if (carrierEvent.Kind is CarrierEventKind.Delivered or CarrierEventKind.Exception)
        {
            await GrainFactory.GetGrain<IOrderGrain>(registration.OrderId).ApplyCarrierEventAsync(carrierEvent);
        }
        return isNew;
    }

    public Task<TrackingView> GetTrackingAsync()
    {
        var registration = Registered();
        var events = state.State.Events;
        var reached = events.Where(e => e.Kind != CarrierEventKind.Exception).Select(e => (int)e.Kind).DefaultIfEmpty(-1).Max();
        var steps = Steps.Select(step => step.Kind is not { } kind
            ? new TrackingStep(step.Name, true, registration.ShippedAt)
            : new TrackingStep(step.Name, (int)kind <= reached, events.FirstOrDefault(e => e.Kind == kind)?.OccurredAt)).ToArray();
        var progress = steps.Count(s => s.Completed) * 100 / steps.Length;
        return Task.FromResult(new TrackingView(registration.TrackingNumber, registration.OrderId, registration.Carrier, events.Count == 0 ? null : events[^1].Kind, steps, progress, events.ToArray()));
    }

    private ShipmentRegistration Registered() =>
        state.State.Registration ?? throw new NotFoundException("shipment", this.GetPrimaryKeyString());
}
