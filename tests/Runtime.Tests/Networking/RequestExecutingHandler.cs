using Commerce.Runtime;
using Commerce.Runtime.Networking;
using Commerce.Runtime.Tests.Grains;

namespace Commerce.Runtime.Tests.Networking;

/// <summary>
/// Stands in for a silo's dispatch: runs each incoming request on a plain object implementing its
/// interface, with the caller's request context installed, right on the connection's read loop.
/// </summary>
internal sealed class RequestExecutingHandler : IIncomingRequestHandler
{
    private readonly Dictionary<Type, object> _targets;
    private int _received;

    public RequestExecutingHandler()
    {
        _targets = new Dictionary<Type, object>
        {
            [typeof(IEchoGrain)] = Echo,
            [typeof(IWireProbeGrain)] = WireProbe,
        };
    }

    public EchoService Echo { get; } = new();

    public WireProbeService WireProbe { get; } = new();

    /// <summary>Requests that reached the handler.</summary>
    public int Received => Volatile.Read(ref _received);

    public int LastHopCount { get; private set; }

    public void OnRequest(IncomingRequest incoming, Connection connection)
    {
        Interlocked.Increment(ref _received);
        LastHopCount = incoming.HopCount;
        var request = incoming.Request;
        request.Executor = NoExecutor.Instance;
        var previous = RequestContext.Capture();
        RequestContext.Restore(request.ContextData);
        try
        {
            request.Execute(_targets[request.InterfaceType]);
        }
        finally
        {
            RequestContext.Restore(previous);
        }
    }

    private sealed class NoExecutor : IRequestExecutor
    {
        public static readonly NoExecutor Instance = new();

        public void OnExecuted(Request request)
        {
        }
    }
}
