using Commerce.Runtime.Membership;
using Commerce.Runtime.Messaging;
using Commerce.Runtime.Networking;
using Commerce.Runtime.Placement;

namespace Commerce.Runtime.Client;

/// <summary>
/// A client's call path: every call goes straight to the grain's owner under the client's view
/// of the membership, through the owner's gateway, with the same response timeouts as in a silo.
/// </summary>
internal sealed class ClientCallRuntime(ClusterPlacement placement, ConnectionManager connections, ResponseTimeouts timeouts, Func<IGrainFactory> grainFactory)
    : IGrainReferenceRuntime
{
    public IGrainFactory GrainFactory => grainFactory();

    public bool HasOutgoingFilters => false;

    public void Send(GrainReference target, Request request)
    {
        request.TargetId = target.GrainId;
        request.ContextData = RequestContext.Capture();
        if (request.IsOneWay) request.Observer = timeouts;
        else timeouts.Track(request);

        var current = placement.Current;
        if (target.CachedRoute is RemoteRoute route && route.IsValidUnder(current))
        {
            route.Connection.SendRequest(request, hopCount: 0);
            return;
        }

        var owner = current.OwnerOf(target.GrainId);
        if (owner is null)
        {
            request.TrySetException(new SiloUnavailableException($"No silo is active to run {target.GrainId}."));
            return;
        }

        var gateway = GatewayOf(current.View, owner);
        if (connections.TryGetConnection(gateway, out var connection))
        {
            target.CachedRoute = new RemoteRoute(current, connection);
            connection.SendRequest(request, hopCount: 0);
            return;
        }

        // Not connected yet: the manager connects and sends the calls that wait, in order.
        connections.SendRequest(gateway, request, hopCount: 0);
    }

    public Task<object?> InvokeWithOutgoingFiltersAsync(GrainReference target, Request request) =>
        throw new NotSupportedException("Cluster clients do not run outgoing call filters.");

    /// <summary>Where clients reach <paramref name="silo"/>: its gateway port, announced in the membership table.</summary>
    private static SiloAddress GatewayOf(ClusterMembershipView view, SiloAddress silo)
    {
        foreach (var member in view.Members)
        {
            if (member.Address == silo && member.GatewayPort != 0) return silo with { Port = member.GatewayPort };
        }

        return silo;
    }
}
