namespace Commerce.Runtime.Placement;

/// <summary>Whether this silo owns a grain under the current membership view, and when that may have changed.</summary>
public interface IGrainOwnership
{
    bool IsLocallyOwned(GrainId grainId);

    /// <summary>Raised after the membership view changed, so owners must be recomputed.</summary>
    event Action? OwnershipChanged;
}
