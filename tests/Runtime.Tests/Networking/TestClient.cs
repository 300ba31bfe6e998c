using Commerce.Runtime;
using Commerce.Runtime.Membership;
using Commerce.Runtime.Networking;

namespace Commerce.Runtime.Tests.Networking;

/// <summary>A <see cref="DirectSiloClient"/> of one test server, so tests call <c>grain.AddAsync(1, 2)</c> and the call crosses real TCP.</summary>
internal sealed class TestClient : IAsyncDisposable
{
    private readonly DirectSiloClient _client;

    private TestClient(DirectSiloClient client, CapturingLoggerFactory logs)
    {
        _client = client;
        Logs = logs;
    }

    public ConnectionManager Manager => _client.Connections;

    public CapturingLoggerFactory Logs { get; }

    public IGrainFactory GrainFactory => _client.GrainFactory;

    /// <summary>The hop count stamped on calls.</summary>
    public int HopCount
    {
        get => _client.HopCount;
        set => _client.HopCount = value;
    }

    public static TestClient Create(SiloAddress server, Action<NetworkingOptions>? configure = null, string clusterId = TestServer.ClusterId, TransportIdentity? identity = null)
    {
        var logs = new CapturingLoggerFactory();
        var client = new DirectSiloClient(
            server,
            TestServer.Options(configure),
            identity ?? TransportIdentity.ForClient(clusterId, "test-client"),
            TestServer.Registry,
            TimeSpan.FromSeconds(30),
            logs);
        return new TestClient(client, logs);
    }

    public T GetGrain<T>(string key)
        where T : IGrainWithStringKey => GrainFactory.GetGrain<T>(key);

    public ValueTask DisposeAsync() => _client.DisposeAsync();
}
