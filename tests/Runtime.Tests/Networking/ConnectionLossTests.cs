using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Commerce.Runtime.Membership;
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

    [Fact(Timeout = 60_000)]
    public async Task After_a_failed_connect_calls_fail_at_once_without_connecting_again_until_the_retry_delay_has_passed()
    {
        // A listener that accepts and hangs up at once: every attempt is counted and fails its handshake.
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        var attempts = 0;
        var accepting = Task.Run(async () =>
        {
            while (true)
            {
                Socket socket;
                try
                {
                    socket = await listener.AcceptAsync();
                }
                catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
                {
                    return;
                }

                Interlocked.Increment(ref attempts);
                socket.Dispose();
            }
        });
        var address = new SiloAddress("127.0.0.1", ((IPEndPoint)listener.LocalEndPoint!).Port, SiloAddress.NewGeneration());
        await using var client = TestClient.Create(address, o =>
        {
            o.ConnectRetryDelay = TimeSpan.FromSeconds(2);
            o.MaxConnectRetryDelay = TimeSpan.FromSeconds(10);
        });
        var echo = client.GetGrain<IEchoGrain>("e1");
        Func<Task> call = () => echo.AddAsync(1, 1).AsTask();

        await call.Should().ThrowAsync<SiloUnavailableException>();
        Volatile.Read(ref attempts).Should().Be(1);
        for (var i = 0; i < 20; i++)
        {
            (await call.Should().ThrowAsync<SiloUnavailableException>()).Which.Message.Should().Contain("1 attempt(s) in a row failed");
        }

        await FluentActions.Awaiting(() => client.Manager.GetConnectionAsync(address).AsTask()).Should().ThrowAsync<SiloUnavailableException>();
        Volatile.Read(ref attempts).Should().Be(1, "no call connected again within the retry delay");

        await Task.Delay(TimeSpan.FromSeconds(2.2));
        await call.Should().ThrowAsync<SiloUnavailableException>();
        Volatile.Read(ref attempts).Should().Be(2, "after the delay one call tried again");
        (await call.Should().ThrowAsync<SiloUnavailableException>()).Which.Message.Should().Contain("2 attempt(s) in a row failed").And.MatchRegex(@"another (3\d{3}|4000) ms", "the second failure doubled the wait to 4 s");

        listener.Dispose();
        await accepting;
    }
}
