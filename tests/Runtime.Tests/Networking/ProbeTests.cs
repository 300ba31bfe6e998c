using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Commerce.Runtime.Membership;
using FluentAssertions;
using Xunit;

namespace Commerce.Runtime.Tests.Networking;

public sealed class ProbeTests
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    [Fact(Timeout = 60_000)]
    public async Task A_probe_of_a_live_silo_succeeds()
    {
        await using var server = TestServer.Start();
        await using var prober = TestClient.Create(server.Address);

        (await prober.Manager.ProbeAsync(server.Address, ProbeTimeout, CancellationToken.None)).Should().BeTrue();
        (await prober.Manager.ProbeAsync(server.Address, ProbeTimeout, CancellationToken.None)).Should().BeTrue();
        await Clusters.WaitUntilAsync(() => server.Manager.Connections.Count == 1);
        prober.Manager.Connections.Should().ContainSingle("probes reuse the silo connection");
    }

    [Fact(Timeout = 60_000)]
    public async Task A_probe_of_a_closed_port_fails_well_before_its_timeout()
    {
        var closed = new SiloAddress("127.0.0.1", UnusedPort(), 1);
        await using var prober = TestClient.Create(closed);
        var clock = Stopwatch.StartNew();

        (await prober.Manager.ProbeAsync(closed, ProbeTimeout, CancellationToken.None)).Should().BeFalse();

        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(1));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_probe_of_a_peer_that_never_answers_fails_at_its_timeout()
    {
        using var mute = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        mute.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        mute.Listen();
        var address = new SiloAddress("127.0.0.1", ((IPEndPoint)mute.LocalEndPoint!).Port, 1);
        await using var prober = TestClient.Create(address);
        var clock = Stopwatch.StartNew();

        (await prober.Manager.ProbeAsync(address, TimeSpan.FromMilliseconds(300), CancellationToken.None)).Should().BeFalse();

        clock.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(290), "timers may round down by a millisecond").And.BeLessThan(TimeSpan.FromSeconds(2));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_probe_cancelled_by_its_caller_throws_instead_of_reporting_the_silo_dead()
    {
        await using var server = TestServer.Start();
        await using var prober = TestClient.Create(server.Address);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await FluentActions.Awaiting(() => prober.Manager.ProbeAsync(server.Address, ProbeTimeout, cancelled.Token)).Should().ThrowAsync<OperationCanceledException>();
    }

    private static int UnusedPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
