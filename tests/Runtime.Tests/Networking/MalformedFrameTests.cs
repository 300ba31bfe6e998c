using Commerce.Runtime.Networking;
using Commerce.Runtime.Tests.Grains;
using FluentAssertions;
using Xunit;

namespace Commerce.Runtime.Tests.Networking;

/// <summary>After a valid handshake, each kind of malformed frame closes that connection, and only that one.</summary>
public sealed class MalformedFrameTests
{
    public static TheoryData<string> Cases => ["huge length prefix", "zero length", "unknown kind", "garbage payload", "truncated frame", "response sent to the acceptor"];

    [Theory(Timeout = 60_000)]
    [MemberData(nameof(Cases))]
    public async Task A_malformed_frame_closes_its_connection_while_the_listener_serves_others(string malformation)
    {
        await using var server = TestServer.Start();
        await using var client = TestClient.Create(server.Address);
        var echo = client.GetGrain<IEchoGrain>("e1");
        (await echo.AddAsync(1, 1)).Should().Be(2);
        await using var peer = await RawPeer.ConnectAuthenticatedAsync(server);

        switch (malformation)
        {
            case "huge length prefix":
                await peer.SendAsync(RawPeer.Header(0xFFFF_FFF0, (byte)FrameKind.Request));
                break;
            case "zero length":
                await peer.SendAsync([0, 0, 0, 0]);
                break;
            case "unknown kind":
                await peer.SendAsync(RawPeer.Header(1, 0xEE));
                break;
            case "garbage payload":
                await peer.SendAsync([.. RawPeer.Header(21, (byte)FrameKind.Request), .. Enumerable.Repeat((byte)0xFF, 20)]);
                break;
            case "truncated frame":
                await peer.SendAsync([.. RawPeer.Header(101, (byte)FrameKind.Request), 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
                peer.ShutdownSend();
                break;
            case "response sent to the acceptor":
                await peer.SendAsync([.. RawPeer.Header(3, (byte)FrameKind.Response), 1, 0]);
                break;
        }

        (await peer.IsClosedByPeerAsync(TimeSpan.FromSeconds(5))).Should().BeTrue();
        await Clusters.WaitUntilAsync(() => server.Manager.Connections.Count == 1);
        await server.Logs.WaitForWarningAsync("protocol violation");

        (await echo.AddAsync(2, 2)).Should().Be(4, "the other connection is untouched");
        await using var newcomer = TestClient.Create(server.Address);
        (await newcomer.GetGrain<IEchoGrain>("e2").AddAsync(3, 3)).Should().Be(6, "the listener still accepts");
    }
}
