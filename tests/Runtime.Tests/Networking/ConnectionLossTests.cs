using System.Diagnostics;
using Commerce.Runtime.Networking;
using Commerce.Runtime.Tests.Grains;
using FluentAssertions;
using Xunit;

namespace Commerce.Runtime.Tests.Networking;

public sealed class ConnectionLossTests
{
    [Fact(Timeout = 60_000)]
    public async Task A_dropped_connection_fails_all_its_pending_calls_at_once_with_a_retryable_exception()
    {
        var server = TestServer.Start();
        await using var client = TestClient.Create(server.Address);
        var echo = client.GetGrain<IEchoGrain>("e1");
        var pending = Enumerable.Range(0, 100).Select(_ => echo.NeverAnswersAsync()).ToArray();
        await Clusters.WaitUntilAsync(() => server.Handler.Received == 100);

        var clock = Stopwatch.StartNew();
        await server.DisposeAsync();
        var outcome = await Task.WhenAny(Task.WhenAll(pending), Task.Delay(TimeSpan.FromSeconds(5)));

        outcome.Should().NotBeOfType<Task<Task>>("the calls must not wait for their response timeout");
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(2));
        pending.Should().OnlyContain(call => call.IsFaulted && call.Exception!.InnerException is SiloUnavailableException);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_closed_connection_is_reported_and_opened_again_on_the_next_call()
    {
        await using var server = TestServer.Start();
        await using var client = TestClient.Create(server.Address);
        var lost = new TaskCompletionSource<Connection>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.Manager.ConnectionClosed += connection => lost.TrySetResult(connection);
        var echo = client.GetGrain<IEchoGrain>("e1");
        (await echo.AddAsync(1, 1)).Should().Be(2);
        var first = await client.Manager.GetConnectionAsync(server.Address);

        server.Manager.Connections.Single().Close();

        (await lost.Task.WaitAsync(TimeSpan.FromSeconds(5))).Should().BeSameAs(first);
        first.IsOpen.Should().BeFalse();
        (await echo.AddAsync(2, 2)).Should().Be(4);
        (await client.Manager.GetConnectionAsync(server.Address)).Should().NotBeSameAs(first);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_call_to_a_silo_that_is_not_there_fails_with_a_retryable_exception()
    {
        var server = TestServer.Start();
        var address = server.Address;
        await server.DisposeAsync();
        await using var client = TestClient.Create(address);

        await FluentActions.Awaiting(() => client.GetGrain<IEchoGrain>("e1").AddAsync(1, 1).AsTask()).Should().ThrowAsync<SiloUnavailableException>();
    }
}
