using Commerce.GrainInterfaces.Logistics;

namespace Commerce.Grains.Logistics;

/// <summary>SANDBOX: the planned journey of one simulated parcel and what was sent.</summary>
public sealed class SandboxParcelState
{
    public bool Started { get; set; }

    /// <summary>Every event the parcel will produce, with when it is due, oldest first.</summary>
    public List<SandboxPlannedEvent> Planned { get; set; } = [];

    /// <summary>How many of <see cref="Planned"/> were delivered (they go out in order).</summary>
    public int Sent { get; set; }
}
