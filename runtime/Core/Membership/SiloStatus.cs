namespace Commerce.Runtime.Membership;

/// <summary>A silo's state in the membership table; only Active silos own grains.</summary>
public enum SiloStatus
{
    None = 0,

    /// <summary>Registered, connecting to the active silos; owns nothing yet.</summary>
    Joining = 1,

    /// <summary>Serving: owns grains, is probed by others.</summary>
    Active = 2,

    /// <summary>Leaving gracefully: handing its grains over.</summary>
    ShuttingDown = 3,

    /// <summary>Gone, by its own leave or by the others' votes. Final: the identity never returns.</summary>
    Dead = 4,
}
