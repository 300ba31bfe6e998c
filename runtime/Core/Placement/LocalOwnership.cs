namespace Commerce.Runtime.Placement;

/// <summary>A single silo owns every grain: the embedded default.</summary>
internal sealed class LocalOwnership : IGrainOwnership
{
    public bool IsLocallyOwned(GrainId grainId) => true;

    public event Action? OwnershipChanged
    {
        add { }
        remove { }
    }
}
