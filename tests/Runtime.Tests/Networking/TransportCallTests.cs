using System.Diagnostics;
using Commerce.Runtime;
using Commerce.Runtime.Networking;
using Commerce.Runtime.Serialization;
using Commerce.Runtime.Tests.Grains;
using FluentAssertions;
using Xunit;

namespace Commerce.Runtime.Tests.Networking;

public sealed class TransportCallTests
{
    [Fact(Timeout = 60_000)]
    public async Task A_call_over_the_wire_returns_its_result()
    {
        await using var server = TestServer.Start();
        await using var client = TestClient.Create(server.Address);

        var echo = client.GetGrain<IEchoGrain>("e1");

        (await echo.AddAsync(2, 3)).Should().Be(5);
        (await echo.EchoAsync("hello")).Should().Be("hello");
        (await echo.InstanceAsync()).Should().Be(EchoService.Instance);
        await echo.TouchAsync();
    }

    [Fact(Timeout = 60_000)]
    public async Task Ten_thousand_concurrent_calls_over_one_connection_each_get_their_own_result()
    {
        await using var server = TestServer.Start();
        await using var client = TestClient.Create(server.Address);
        var echo = client.GetGrain<IEchoGrain>("e1");

        var calls = Enumerable.Range(0, 10_000).Select(i => echo.AddAsync(i, 1_000_000).AsTask()).ToArray();
        var results = await Task.WhenAll(calls);

        results.Should().Equal(Enumerable.Range(0, 10_000).Select(i => i + 1_000_000));
        client.Manager.Connections.Should().ContainSingle();
        await Clusters.WaitUntilAsync(() => server.Manager.Connections.Count == 1);
        server.Handler.Received.Should().Be(10_000);
    }

    [Fact(Timeout = 60_000)]
    public async Task Concurrent_first_callers_share_one_connection_attempt()
    {
        await using var server = TestServer.Start();
        await using var client = TestClient.Create(server.Address);

        var connections = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => client.Manager.GetConnectionAsync(server.Address).AsTask())));

        connections.Distinct().Should().ContainSingle();
        await Clusters.WaitUntilAsync(() => server.Manager.Connections.Count == 1);
        await Task.Delay(100);
        server.Manager.Connections.Should().ContainSingle();
    }

    [Fact(Timeout = 60_000)]
    public async Task A_failed_call_rethrows_the_remote_exception_type_and_message_with_the_remote_stack()
    {
        await using var server = TestServer.Start();
        await using var client = TestClient.Create(server.Address);
        var echo = client.GetGrain<IEchoGrain>("e1");

        var failure = await FluentActions.Awaiting(() => echo.FailAsync("sold out")).Should().ThrowAsync<ProbeException>();

        failure.Which.Message.Should().Be("sold out");
        failure.Which.StackTrace.Should().Contain(nameof(EchoService.FailAsync));
        (await echo.AddAsync(1, 1)).Should().Be(2, "a failed call leaves the connection usable");
    }

    [Fact(Timeout = 60_000)]
    public async Task The_request_context_and_hop_count_reach_the_callee()
    {
        await using var server = TestServer.Start();
        await using var client = TestClient.Create(server.Address);
        client.HopCount = 2;
        var echo = client.GetGrain<IEchoGrain>("e1");

        RequestContext.Set("tenant", "acme");
        RequestContext.Set("attempt", 3);
        try
        {
            (await echo.ReadContextAsync("tenant")).Should().Be("acme");
        }
        finally
        {
            RequestContext.Clear();
        }

        (await echo.ReadContextAsync("tenant")).Should().BeNull("the context is captured per call");
        server.Handler.LastHopCount.Should().Be(2);
    }

    [Fact(Timeout = 60_000)]
    public async Task Records_with_nested_collections_grain_references_enums_and_nullables_cross_the_wire()
    {
        await using var server = TestServer.Start();
        await using var client = TestClient.Create(server.Address);
        var probe = client.GrainFactory.GetGrain<IWireProbeGrain>(GrainId.Create(new GrainType("wireprobe"), "p1"));
        var basket = new Basket(
            "ann",
            [new BasketLine("sku-1", 2, 9.99m, ["red"]), new BasketLine("sku-2", 1, 5m, [])],
            new Dictionary<string, decimal> { ["total"] = 24.98m },
            DateTimeOffset.UnixEpoch);
        var friend = client.GetGrain<IEchoGrain>("friend");

        (await probe.EchoBasketAsync(basket)).Should().BeEquivalentTo(basket);
        (await probe.EchoShadeAsync(Shade.Dark)).Should().Be(Shade.Dark);
        (await probe.EchoShadeAsync(null)).Should().BeNull();
        (await probe.EchoReferenceAsync(null)).Should().BeNull();
        var returned = await probe.EchoReferenceAsync(friend);
        returned.Should().Be(friend);
        (await returned!.EchoAsync("through a returned reference")).Should().Be("through a returned reference");

        var id = Guid.NewGuid();
        var at = new DateTime(2026, 11, 22, 1, 2, 3, DateTimeKind.Utc);
        var owner = GrainId.Create(new GrainType("user"), "u1");
        (await probe.DescribeAsync(id, at, TimeSpan.FromMinutes(90), 0.25, [0xAB, 0xCD], null, owner))
            .Should().Be($"{id:N}|{at:O}|Utc|01:30:00|0.25|ABCD|null|user/u1");
        (await probe.DescribeAsync(id, at, TimeSpan.Zero, -1, null, 7, default))
            .Should().EndWith("|null|7|");
    }

    [Fact(Timeout = 60_000)]
    public async Task One_way_calls_are_delivered_and_leave_nothing_pending()
    {
        await using var server = TestServer.Start();
        await using var client = TestClient.Create(server.Address);
        var probe = client.GrainFactory.GetGrain<IWireProbeGrain>(GrainId.Create(new GrainType("wireprobe"), "p1"));

        await probe.NotifyAsync("first");
        await probe.NotifyAsync("second");
        (await probe.EchoShadeAsync(Shade.Light)).Should().Be(Shade.Light);

        server.Handler.WireProbe.Notifications.Should().Equal(["first", "second"], "calls from one sender arrive in order, even while the connection opens");
        var connection = await client.Manager.GetConnectionAsync(server.Address);
        connection.PendingCount.Should().Be(0);
        server.Manager.Connections.Single().IncomingCount.Should().Be(0);
    }

    [Fact(Timeout = 60_000)]
    public async Task Calls_settled_without_their_response_are_swept_from_the_connection()
    {
        await using var server = TestServer.Start();
        await using var client = TestClient.Create(server.Address);
        var echo = client.GetGrain<IEchoGrain>("e1");
        await echo.TouchAsync();
        var connection = await client.Manager.GetConnectionAsync(server.Address);

        var request = (Request<VoidResult>)CreateRequest(nameof(IEchoGrain.NeverAnswersAsync));
        var response = request.PrepareTypedResponse();
        request.TargetId = echo.GetGrainId();
        connection.SendRequest(request, 0);
        await Clusters.WaitUntilAsync(() => server.Handler.Received == 2);
        connection.PendingCount.Should().Be(1);

        // What the runtime's response timeout does to a call nobody answers.
        request.TrySetException(new TimeoutException("gave up"));
        client.Manager.Sweep();

        connection.PendingCount.Should().Be(0);
        await FluentActions.Awaiting(() => response).Should().ThrowAsync<TimeoutException>();
    }

    [Fact(Timeout = 60_000)]
    public async Task Incoming_calls_whose_caller_stopped_waiting_are_given_up_by_the_sweep()
    {
        await using var server = TestServer.Start();
        await using var client = TestClient.Create(server.Address);
        var echo = client.GetGrain<IEchoGrain>("e1");
        await echo.TouchAsync();
        var connection = await client.Manager.GetConnectionAsync(server.Address);

        var request = (Request<VoidResult>)CreateRequest(nameof(IEchoGrain.NeverAnswersAsync));
        _ = request.PrepareTypedResponse();
        request.TargetId = echo.GetGrainId();
        request.Deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 20;
        connection.SendRequest(request, 0);
        var incoming = server.Manager.Connections.Single();
        await Clusters.WaitUntilAsync(() => incoming.IncomingCount == 1);

        await Task.Delay(100);
        server.Manager.Sweep();

        incoming.IncomingCount.Should().Be(0);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_request_for_an_unknown_interface_is_answered_with_an_error_and_the_connection_stays_open()
    {
        await using var server = TestServer.Start();
        await using var peer = await RawPeer.ConnectAuthenticatedAsync(server);

        using var writer = new WireArgumentWriter();
        var start = Frames.Begin(writer, FrameKind.Request);
        writer.WriteVarUInt64(77);
        writer.WriteGrainId(GrainId.Create(new GrainType("echo"), "e1"));
        writer.WriteGrainId(default);
        writer.WriteFixedInt32(123456);
        writer.WriteVarUInt64(0);
        writer.WriteByte(0);
        writer.WriteVarUInt64(1000);
        writer.WriteVarUInt64(0);
        writer.WriteByte(0);
        Frames.End(writer, start, int.MaxValue);
        await peer.SendAsync(writer.WrittenSpan.ToArray());

        var (kind, payload) = await peer.ReadFrameAsync(TimeSpan.FromSeconds(5));
        kind.Should().Be((byte)FrameKind.Response);
        using var reader = new WireArgumentReader();
        reader.Reset(payload);
        reader.ReadVarUInt64().Should().Be(77);
        reader.ReadByte().Should().Be(MessageCodec.StatusException);
        WireExceptionCodec.Read(reader).Should().BeOfType<InvalidOperationException>().Which.Message.Should().Contain("wire id 123456");

        await using var client = TestClient.Create(server.Address);
        (await client.GetGrain<IEchoGrain>("e1").AddAsync(1, 2)).Should().Be(3);
        await Clusters.WaitUntilAsync(() => server.Manager.Connections.Count == 2);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_call_over_the_frame_limit_fails_alone_and_the_connection_goes_on()
    {
        await using var server = TestServer.Start();
        await using var client = TestClient.Create(server.Address, options => options.MaxFrameSize = 64 * 1024);
        var probe = client.GrainFactory.GetGrain<IWireProbeGrain>(GrainId.Create(new GrainType("wireprobe"), "p1"));
        var huge = new Basket("ann", [new BasketLine(new string('y', 100_000), 1, 1m, [])], [], DateTimeOffset.UnixEpoch);

        await FluentActions.Awaiting(() => probe.EchoBasketAsync(huge)).Should().ThrowAsync<InvalidOperationException>().WithMessage("*frame limit*");

        (await probe.EchoShadeAsync(Shade.Light)).Should().Be(Shade.Light);
        server.Handler.Received.Should().Be(1);
    }

    internal static Request CreateRequest(string methodName)
    {
        var registry = TestServer.Registry;
        var interfaceId = registry.GetInterfaceId(typeof(IEchoGrain));
        for (var methodId = 0; ; methodId++)
        {
            var request = registry.GetRequestFactory(interfaceId, methodId)();
            if (request.MethodName == methodName) return request;
        }
    }
}
