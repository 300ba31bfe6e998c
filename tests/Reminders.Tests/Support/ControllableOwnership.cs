using Commerce.Runtime.Placement;

namespace Commerce.Runtime.Reminders.Tests.Support;

/// <summary>
/// Grain ownership the test decides, standing in for membership: hands grains to this silo or takes
/// them away, and raises <see cref="OwnershipChanged"/> as a membership change would.
/// </summary>
public sealed class ControllableOwnership(bool ownsEverything = false) : IGrainOwnership
{
    private readonly Lock _gate = new();
    private readonly HashSet<GrainId> _owned = [];
    private bool _ownsEverything = ownsEverything;

    public event Action? OwnershipChanged;

    public bool IsLocallyOwned(GrainId grainId)
    {
        lock (_gate) return _ownsEverything || _owned.Contains(grainId);
    }

    public void HandOver(GrainId grainId) => Change(() => _owned.Add(grainId));

    public void TakeAway(GrainId grainId) => Change(() => _owned.Remove(grainId));

    public void HandOverEverything() => Change(() => _ownsEverything = true);

    private void Change(Action change)
    {
        lock (_gate) change();
        OwnershipChanged?.Invoke();
    }
}
