using System.Diagnostics;
using Commerce.Runtime.Membership;
using Commerce.Runtime.Networking;
using Commerce.Runtime.Serialization;
using Commerce.Runtime.Tests.Grains;
using FluentAssertions;
using Xunit;

namespace Commerce.Runtime.Tests.Networking;

public sealed class HandshakeTests
{
    [Fact(Timeout = 60_000)]
    public async Task A_peer_with_the_wrong_secret_is_refused_and_none_of_its_calls_run()
    {
        await using var server = TestServer.Start();
        await using var client = TestClient.Create(server.Address, options => options.ClusterSecret = "not-the-secret");

        var refusal = await FluentActions.Awaiting(() => client.GetGrain<IEchoGrain>("e1").AddAsync(1, 2).AsTask())
            .Should().ThrowAsync<ConnectionRejectedException>();

        refusal.Which.Reason.Should().Contain("cluster secret");
        await server.Logs.WaitForWarningAsync("Refused a connection", "cluster secret");
        server.Handler.Received.Should().Be(0);
        server.Manager.Connections.Should().BeEmpty();
        await client.Logs.WaitForWarningAsync("refused the connection");
    }

    [Fact(Timeout = 60_000)]
    public async Task A_peer_from_another_cluster_is_refused()
    {
        await using var server = TestServer.Start();
        await using var client = TestClient.Create(server.Address, clusterId: "another-cluster");

        var refusal = await FluentActions.Awaiting(() => client.Manager.GetConnectionAsync(server.Address).AsTask())
            .Should().ThrowAsync<ConnectionRejectedException>();

        refusal.Which.Reason.Should().Contain("another-cluster");
        await server.Logs.WaitForWarningAsync("Refused a connection", "another-cluster");
        server.Manager.Connections.Should().BeEmpty();
    }

    [Fact(Timeout = 60_000)]
    public async Task A_peer_speaking_another_protocol_version_gets_a_reject_frame_with_the_reason()
    {
        await using var server = TestServer.Start();
        await using var peer = await RawPeer.ConnectAsync(server.EndPoint);
        using var hello = new WireArgumentWriter();
        var start = Frames.Begin(hello, FrameKind.Hello);
        hello.WriteVarUInt64(Handshake.ProtocolVersion + 1);
        hello.WriteString(TestServer.ClusterId);
        hello.WriteByte((byte)ConnectionRole.Client);
        hello.WriteString("from-the-future");
        hello.WriteRaw(new byte[32]);
        Frames.End(hello, start, int.MaxValue);

        await peer.SendAsync(hello.WrittenSpan.ToArray());
        var (kind, payload) = await peer.ReadFrameAsync(TimeSpan.FromSeconds(5));

        kind.Should().Be((byte)FrameKind.Reject);
        using var reader = new WireArgumentReader();
        reader.Reset(payload);
        reader.ReadString().Should().Contain($"protocol version {Handshake.ProtocolVersion + 1} is not supported");
        (await peer.IsClosedByPeerAsync(TimeSpan.FromSeconds(5))).Should().BeTrue();
        await server.Logs.WaitForWarningAsync("Refused a connection", "protocol version");
    }

    [Fact(Timeout = 60_000)]
    public async Task A_silo_at_the_endpoint_with_another_identity_is_refused()
    {
        await using var server = TestServer.Start();
        await using var client = TestClient.Create(server.Address);
        var previousGeneration = server.Address with { Generation = server.Address.Generation - 1 };

        var refusal = await FluentActions.Awaiting(() => client.Manager.GetConnectionAsync(previousGeneration).AsTask())
            .Should().ThrowAsync<ConnectionRejectedException>();

        refusal.Which.Reason.Should().Contain(server.Address.ToString());
    }

    [Fact(Timeout = 60_000)]
    public async Task Silos_and_clients_identify_themselves_to_the_acceptor()
    {
        await using var server = TestServer.Start();
        var siloIdentity = TransportIdentity.ForSilo(TestServer.ClusterId, new SiloAddress("127.0.0.1", 1, 42));
        await using var silo = TestClient.Create(server.Address, identity: siloIdentity);
        await using var client = TestClient.Create(server.Address);

        await silo.Manager.GetConnectionAsync(server.Address);
        await client.Manager.GetConnectionAsync(server.Address);
        await Clusters.WaitUntilAsync(() => server.Manager.Connections.Count == 2);

        var accepted = server.Manager.Connections;
        accepted.Should().ContainSingle(c => c.RemoteRole == ConnectionRole.Silo && c.RemoteSilo == siloIdentity.Silo);
        accepted.Should().ContainSingle(c => c.RemoteRole == ConnectionRole.Client && c.RemoteName == "test-client");
        accepted.Should().OnlyContain(c => !c.IsInitiator);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_peer_that_sends_nothing_is_cut_off_at_the_handshake_timeout()
    {
        await using var server = TestServer.Start(options => options.HandshakeTimeout = TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();
        await using var silent = await RawPeer.ConnectAsync(server.EndPoint);

        (await silent.IsClosedByPeerAsync(TimeSpan.FromSeconds(5))).Should().BeTrue();

        clock.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(290), "timers may round down by a millisecond").And.BeLessThan(TimeSpan.FromSeconds(3));
        await server.Logs.WaitForWarningAsync("no handshake");
    }

    [Fact(Timeout = 60_000)]
    public async Task Random_bytes_instead_of_a_handshake_close_the_connection_and_the_listener_goes_on()
    {
        await using var server = TestServer.Start();
        await using (var garbage = await RawPeer.ConnectAsync(server.EndPoint))
        {
            var bytes = new byte[512];
            new Random(7).NextBytes(bytes);
            await garbage.SendAsync(bytes);

            (await garbage.IsClosedByPeerAsync(TimeSpan.FromSeconds(1))).Should().BeTrue();
        }

        await using var client = TestClient.Create(server.Address);
        (await client.GetGrain<IEchoGrain>("e1").AddAsync(20, 22)).Should().Be(42);
        await server.Logs.WaitForWarningAsync("protocol violation");
    }
}
