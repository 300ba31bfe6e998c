using Commerce.Runtime.Networking;
using Commerce.Runtime.Placement;

namespace Commerce.Runtime.Messaging;

/// <summary>
/// A grain reference's cached way to its remote owner (<see cref="GrainReference.CachedRoute"/>):
/// the connection chosen under one placement. Reusing it skips hashing the grain id, finding the
/// owner's gateway and looking its connection up by address on every call; it is dropped as soon as
/// the view changes (a new placement) or the connection closes.
/// </summary>
internal sealed class RemoteRoute(RendezvousPlacement placement, Connection connection)
{
    public Connection Connection { get; } = connection;

    public bool IsValidUnder(RendezvousPlacement current) => ReferenceEquals(placement, current) && Connection.IsOpen;
}
