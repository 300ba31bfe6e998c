using Commerce.Runtime.Activation;
using Commerce.Runtime.Membership;

namespace Commerce.Runtime.Messaging;

/// <summary>
/// Carries calls from grain references to activations: stamps the envelope (target, sender,
/// request context, deadline) and queues the request on the target's activation, creating it on
/// first call. This is the hot path of every grain call.
/// </summary>
internal sealed class GrainCallDispatcher(GrainRuntime runtime) : IGrainReferenceRuntime
{
    /// <summary>Lookups of a target that keeps vanishing under a request before the request gives up.</summary>
    private const int MaxRouteAttempts = 100;

    public IGrainFactory GrainFactory => runtime.GrainFactory;

    public bool HasOutgoingFilters => runtime.OutgoingFilters.Length != 0;

    public void Send(GrainReference target, Request request)
    {
        request.TargetId = target.GrainId;
        if (RuntimeContext.Current is { } caller) request.SenderId = caller.GrainId;
        request.ContextData = RequestContext.Capture();
        if (request.IsOneWay) request.Observer = runtime.Timeouts;
        else runtime.Timeouts.Track(request);

        switch (target.CachedRoute)
        {
            case IMessageTarget local when local.TryEnqueue(request):
                return;
            case RemoteRoute remote when remote.IsValidUnder(runtime.Cluster!.Placement.Current):
                remote.Connection.SendRequest(request, hopCount: 0);
                return;
        }

        if (TrySendToRemoteOwner(request, hopCount: 0, target)) return;
        target.CachedRoute = Route(request);
    }

    /// <summary>A request that arrived from another silo or a client: run it here if this silo owns the grain, else forward it.</summary>
    public void DeliverIncoming(Request request, int hopCount)
    {
        if (!TrySendToRemoteOwner(request, hopCount + 1, caller: null)) Route(request);
    }

    public async Task<object?> InvokeWithOutgoingFiltersAsync(GrainReference target, Request request)
    {
        var context = new OutgoingCallContext(this, target, request, runtime.OutgoingFilters);
        await context.Invoke();
        return context.Result;
    }

    /// <summary>Sends a request again, e.g. one that reached an activation while it was deactivating.</summary>
    public void Reroute(Request request)
    {
        if (!request.IsSettled) DeliverIncoming(request, hopCount: 0);
    }

    /// <summary>
    /// In a cluster, sends the request to the grain's owner when that is another silo. Stateless
    /// workers run where they are called. Returns false when the request is for this silo.
    /// When <paramref name="caller"/> is given, it keeps the route for its next calls.
    /// </summary>
    private bool TrySendToRemoteOwner(Request request, int hopCount, GrainReference? caller)
    {
        if (runtime.Cluster is not { } cluster || runtime.IsLocalOnly(request.TargetId.Type)) return false;
        var placement = cluster.Placement.Current;
        SiloAddress? owner;
        try
        {
            owner = cluster.RemoteOwnerOf(placement, request.TargetId);
        }
        catch (SiloUnavailableException exception)
        {
            request.TrySetException(exception);
            return true;
        }

        if (owner is null) return false;
        if (hopCount > ClusterRouting.MaxForwardCount)
        {
            request.TrySetException(new SiloUnavailableException($"{request} was forwarded {hopCount} times while the silos disagree about its owner; retry."));
            return true;
        }

        if (caller is not null && cluster.Connections.TryGetConnection(owner, out var connection))
        {
            caller.CachedRoute = new RemoteRoute(placement, connection);
            connection.SendRequest(request, hopCount);
            return true;
        }

        cluster.Connections.SendRequest(owner, request, hopCount);
        return true;
    }

    private IMessageTarget? Route(Request request)
    {
        for (var attempt = 0; attempt < MaxRouteAttempts; attempt++)
        {
            IMessageTarget target;
            try
            {
                target = runtime.Catalog.GetOrCreate(request.TargetId);
            }
            catch (Exception exception)
            {
                request.TrySetException(exception);
                return null;
            }

            if (target.TryEnqueue(request)) return target;
        }

        request.TrySetException(new SiloUnavailableException($"{request.TargetId} kept deactivating; the call was not delivered."));
        return null;
    }
}
