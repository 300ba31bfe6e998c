using System.Diagnostics;
using Commerce.Runtime.Membership;
using Commerce.Runtime.Registry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Commerce.Runtime.Networking;

/// <summary>
/// The transport and nothing else on the calling side: grain references whose every call goes to
/// one silo over an outbound connection, stamped with only what the wire carries (target, request
/// context, a deadline for the callee). Nothing on this side enforces the deadline: a call whose
/// silo never answers waits until the connection is lost. For the transport's tests and the echo
/// benchmark; a cluster client adds response timeouts and placement on top of the same transport.
/// </summary>
internal sealed class DirectSiloClient : IGrainReferenceRuntime, IAsyncDisposable
{
    private readonly SiloAddress _silo;
    private readonly long _deadline;
    private Connection? _connection;

    public DirectSiloClient(
        SiloAddress silo,
        NetworkingOptions options,
        TransportIdentity identity,
        GrainTypeRegistry registry,
        TimeSpan responseTimeout,
        ILoggerFactory? loggers = null)
    {
        _silo = silo;
        _deadline = (long)(responseTimeout.TotalSeconds * Stopwatch.Frequency);
        GrainFactory = new GrainFactory(registry, new ServiceCollection().BuildServiceProvider()) { Runtime = this };
        Connections = new ConnectionManager(options, identity, registry, GrainFactory, handler: null, loggers);
    }

    public IGrainFactory GrainFactory { get; }

    public ConnectionManager Connections { get; }

    /// <summary>The hop count calls carry (a forwarding silo would send more than 0).</summary>
    public int HopCount { get; set; }

    public bool HasOutgoingFilters => false;

    public void Send(GrainReference target, Request request)
    {
        request.TargetId = target.GrainId;
        request.ContextData = RequestContext.Capture();
        if (!request.IsOneWay) request.Deadline = Stopwatch.GetTimestamp() + _deadline;
        if (_connection is not { IsOpen: true } connection && !Connections.TryGetConnection(_silo, out connection))
        {
            // Connects first; fails the request if the silo cannot be reached.
            Connections.SendRequest(_silo, request, HopCount);
            return;
        }

        _connection = connection;
        connection.SendRequest(request, HopCount);
    }

    public Task<object?> InvokeWithOutgoingFiltersAsync(GrainReference target, Request request) =>
        throw new NotSupportedException("A direct silo client has no outgoing call filters.");

    public ValueTask DisposeAsync() => Connections.DisposeAsync();
}
