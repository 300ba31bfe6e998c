namespace Commerce.Runtime.Membership;

/// <summary>
/// A silo could not join the cluster: its identity is already dead or superseded by a newer
/// incarnation, or the active silos did not all answer within <see cref="ClusterMembershipOptions.JoinTimeout"/>.
/// The silo must not serve; the host stops it.
/// </summary>
public sealed class MembershipJoinException : Exception
{
    public MembershipJoinException(string message, SiloAddress silo, Exception? innerException = null)
        : base(message, innerException)
    {
        Silo = silo;
    }

    /// <summary>The identity that tried to join.</summary>
    public SiloAddress Silo { get; }
}
