using System.Net;
using Commerce.Runtime;
using Commerce.Runtime.Membership;
using Commerce.Runtime.Networking;
using Commerce.Runtime.Registry;

namespace Commerce.Runtime.Tests.Networking;

/// <summary>A listening connection manager on a free loopback port, answering with <see cref="RequestExecutingHandler"/>.</summary>
internal sealed class TestServer : IAsyncDisposable
{
    public const string ClusterId = "test-cluster";
    public const string Secret = "test-cluster-secret";

    private TestServer(ConnectionManager manager, RequestExecutingHandler handler, CapturingLoggerFactory logs)
    {
        Manager = manager;
        Handler = handler;
        Logs = logs;
    }

    public static GrainTypeRegistry Registry { get; } = CreateRegistry();

    public ConnectionManager Manager { get; }

    public RequestExecutingHandler Handler { get; }

    public CapturingLoggerFactory Logs { get; }

    public SiloAddress Address => Manager.Local.Silo!;

    public IPEndPoint EndPoint => Manager.ListenEndPoint!;

    public static TestServer Start(Action<NetworkingOptions>? configure = null, string clusterId = ClusterId)
    {
        var options = Options(configure);
        var handler = new RequestExecutingHandler();
        var logs = new CapturingLoggerFactory();
        var identity = TransportIdentity.ForSilo(clusterId, new SiloAddress("127.0.0.1", 0, SiloAddress.NewGeneration()));
        var manager = new ConnectionManager(options, identity, Registry, TestGrainFactory.Create(Registry, new UnroutedRuntime()), handler, logs);
        manager.StartListening(new IPEndPoint(IPAddress.Loopback, 0));
        return new TestServer(manager, handler, logs);
    }

    /// <summary>The defaults, with the test cluster's secret.</summary>
    public static NetworkingOptions Options(Action<NetworkingOptions>? configure = null)
    {
        // Generous connect and handshake timeouts: these tests are about framing, calls and refusals, and on a
        // loaded 2-core runner a loopback connect was seen to exceed the 5 s default while other test classes
        // ran in parallel. A test about a timeout sets its own.
        var options = new NetworkingOptions
        {
            ClusterSecret = Secret,
            ConnectTimeout = TimeSpan.FromSeconds(30),
            HandshakeTimeout = TimeSpan.FromSeconds(30),
        };
        configure?.Invoke(options);
        return options;
    }

    public ValueTask DisposeAsync() => Manager.DisposeAsync();

    private static GrainTypeRegistry CreateRegistry()
    {
        var registry = new GrainTypeRegistry();
        registry.AddAssembly(typeof(TestServer).Assembly);
        return registry;
    }

    /// <summary>The server only recreates references to hand them back; it never calls them.</summary>
    private sealed class UnroutedRuntime : IGrainReferenceRuntime
    {
        public IGrainFactory GrainFactory => throw new NotSupportedException();

        public bool HasOutgoingFilters => false;

        public void Send(GrainReference target, Request request) => request.TrySetException(new NotSupportedException("The test server does not call grains."));

        public Task<object?> InvokeWithOutgoingFiltersAsync(GrainReference target, Request request) => throw new NotSupportedException();
    }
}
