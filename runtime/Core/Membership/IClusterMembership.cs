namespace Commerce.Runtime.Membership;

/// <summary>The membership as the rest of the runtime consumes it: the current view and its changes.</summary>
public interface IClusterMembership
{
    ClusterMembershipView CurrentView { get; }

    /// <summary>Raised after <see cref="CurrentView"/> changed to a newer version; handlers must not block.</summary>
    event Action<ClusterMembershipView>? ViewChanged;
}
