using Commerce.GrainInterfaces.Logistics;

namespace Commerce.Grains.Logistics;

/// <summary>SANDBOX: one step of a simulated parcel's journey.</summary>
[GenerateSerializer, Immutable, Alias("commerce.state.SandboxPlannedEvent")]
public sealed record SandboxPlannedEvent(CarrierEvent Event, DateTimeOffset DueAt);
