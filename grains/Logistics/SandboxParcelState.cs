using Commerce.GrainInterfaces.Logistics;

namespace Commerce.Grains.Logistics;

/// <summary>SANDBOX: the planned journey of one simulated parcel and what was sent.</summary>
[GenerateSerializer, Alias("commerce.state.SandboxParcelState")]
public sealed class SandboxParcelState
{
    [Id(0)]
    public bool Started { get; set; }

    /// <summary>Every event the parcel will produce, with when it is due, oldest first.</summary>
    [Id(1)]
    public List<SandboxPlannedEvent> Planned { get; set; } = [];

    /// <summary>How many of <see cref="Planned"/> were delivered (they go out in order).</summary>
    [Id(2)]
    public int Sent { get; set; }
}
