using System.Collections.Concurrent;
using System.Diagnostics;
using Commerce.Cluster.TestGrains;
using Commerce.Runtime;
using Commerce.Runtime.Networking;
using Commerce.Testing.Infrastructure;
using FluentAssertions;
using Xunit;
using Xunit.Abstractions;

namespace Commerce.Cluster.Tests;

[Collection(PostgresFixture.Collection)]
public sealed class ClusterTests(PostgresFixture postgres, ITestOutputHelper output)
{
    [Fact]
    public async Task Calls_from_a_client_reach_each_grains_owner_among_three_silo_processes()
    {
        await using var cluster = await ProcessCluster.StartAsync(postgres, silos: 3, ProcessCluster.FastFailureDetection);
        var client = await cluster.ConnectClientAsync();

        var hosts = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => client.GetGrain<IPingGrain>(i).ProcessIdAsync()));
        var again = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => client.GetGrain<IPingGrain>(i).ProcessIdAsync()));

        hosts.Distinct().Should().BeEquivalentTo(cluster.Silos.Select(s => s.ProcessId), "the grains spread over all three silos");
        again.Should().Equal(hosts, "a grain stays with its owner");
        (await client.GetGrain<IPingGrain>(7).PingAsync(41)).Should().Be(42);
    }

    [Fact]
    public async Task Killing_a_silo_under_load_loses_no_acknowledged_write_and_its_grains_answer_again_within_ten_seconds()
    {
        await using var cluster = await ProcessCluster.StartAsync(postgres, silos: 3, ProcessCluster.FastFailureDetection);
        var client = await cluster.ConnectClientAsync(TimeSpan.FromSeconds(5));
        const int counters = 30;
        var acknowledged = new long[counters];
        var failures = new ConcurrentQueue<Exception>();
        using var stop = new CancellationTokenSource();
        var victim = cluster.Silos[1];
        var victimGrains = (await Task.WhenAll(Enumerable.Range(0, counters).Select(async i => (i, pid: await client.GetGrain<ICounterGrain>($"k{i}").ProcessIdAsync()))))
            .Where(x => x.pid == victim.ProcessId).Select(x => x.i).ToArray();
        victimGrains.Should().NotBeEmpty();

        var load = Enumerable.Range(0, counters).Select(i => Task.Run(async () =>
        {
            var counter = client.GetGrain<ICounterGrain>($"k{i}");
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    var value = await counter.IncrementAsync();
                    Volatile.Write(ref acknowledged[i], Math.Max(Volatile.Read(ref acknowledged[i]), value));
                }
                catch (Exception exception) when (exception is SiloUnavailableException or TimeoutException or ConnectionRejectedException)
                {
                    failures.Enqueue(exception);
                    await Task.Delay(50);
                }
            }
        })).ToArray();

        await Task.Delay(1500);
        var before = acknowledged.ToArray();
        victim.Kill();
        var killedAt = Stopwatch.StartNew();

        // Every grain the victim owned must answer again, from a surviving silo, with its last write.
        var recovered = new TimeSpan[victimGrains.Length];
        await Task.WhenAll(victimGrains.Select((grain, n) => Task.Run(async () =>
        {
            while (true)
            {
                try
                {
                    var pid = await client.GetGrain<ICounterGrain>($"k{grain}").ProcessIdAsync();
                    if (pid != victim.ProcessId)
                    {
                        recovered[n] = killedAt.Elapsed;
                        return;
                    }
                }
                catch (Exception exception) when (exception is SiloUnavailableException or TimeoutException)
                {
                }

                if (killedAt.Elapsed > TimeSpan.FromSeconds(30)) throw new TimeoutException($"k{grain} did not come back:\n{cluster.Silos[0].Output}");
                await Task.Delay(100);
            }
        })));
        await Task.Delay(1000);
        stop.Cancel();
        await Task.WhenAll(load);

        output.WriteLine($"victim owned {victimGrains.Length} grains; slowest back after {recovered.Max().TotalSeconds:0.00} s; {failures.Count} retried failures");
        recovered.Max().Should().BeLessThan(TimeSpan.FromSeconds(10));
        for (var i = 0; i < counters; i++)
        {
            var stored = await client.GetGrain<ICounterGrain>($"k{i}").GetAsync();
            stored.Should().BeGreaterThanOrEqualTo(acknowledged[i], $"counter k{i} acknowledged {acknowledged[i]}");
        }

        acknowledged.Zip(before).Should().OnlyContain(pair => pair.First > pair.Second, "every counter kept making progress after the kill");
    }

    [Fact]
    public async Task A_gracefully_stopped_silo_hands_its_grains_over_without_errors_to_callers_that_retry()
    {
        await using var cluster = await ProcessCluster.StartAsync(postgres, silos: 3, ProcessCluster.FastFailureDetection);
        var client = await cluster.ConnectClientAsync(TimeSpan.FromSeconds(5));
        const int counters = 20;
        var acknowledged = new long[counters];
        var gaveUp = 0;
        using var stop = new CancellationTokenSource();
        var load = Enumerable.Range(0, counters).Select(i => Task.Run(async () =>
        {
            var counter = client.GetGrain<ICounterGrain>($"g{i}");
            while (!stop.IsCancellationRequested)
            {
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        acknowledged[i] = await counter.IncrementAsync();
                        break;
                    }
                    catch (SiloUnavailableException) when (attempt < 20)
                    {
                        await Task.Delay(100);
                    }
                    catch (Exception)
                    {
                        Interlocked.Increment(ref gaveUp);
                        break;
                    }
                }
            }
        })).ToArray();

        await Task.Delay(1000);
        await cluster.Silos[2].StopAsync();
        await Task.Delay(1500);
        stop.Cancel();
        await Task.WhenAll(load);

        gaveUp.Should().Be(0);
        cluster.Silos[2].Output.Should().Contain("ShuttingDown", "the silo announced its leave").And.NotContain("abandoned");
        for (var i = 0; i < counters; i++) (await client.GetGrain<ICounterGrain>($"g{i}").GetAsync()).Should().Be(acknowledged[i]);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Grains_on_two_silos_call_each_other_in_chains_that_cross_back_and_forth_while_both_silos_load_each_other(bool runTurnsOnReader)
    {
        await using var cluster = await ProcessCluster.StartAsync(postgres, silos: 2, [.. ProcessCluster.FastFailureDetection, $"--Networking:RunTurnsOnReader={runTurnsOnReader}"]);
        var client = await cluster.ConnectClientAsync();
        var (first, second) = (cluster.Silos[0].ProcessId, cluster.Silos[1].ProcessId);

        // Distinct grains per chain: a chain waits on each of its grains, so two chains sharing grains could deadlock.
        var hosts = await Task.WhenAll(Enumerable.Range(0, 600).Select(i => client.GetGrain<IBounceGrain>(i).ProcessIdAsync()));
        var onFirst = new Queue<long>(Enumerable.Range(0, hosts.Length).Where(i => hosts[i] == first).Select(i => (long)i));
        var onSecond = new Queue<long>(Enumerable.Range(0, hosts.Length).Where(i => hosts[i] == second).Select(i => (long)i));
        const int chains = 20, hops = 12;
        var paths = Enumerable.Range(0, chains).Select(_ => Enumerable.Range(0, hops).Select(h => h % 2 == 0 ? onFirst.Dequeue() : onSecond.Dequeue()).ToArray()).ToArray();

        // Meanwhile callers on each silo keep the connections between the silos busy in both directions.
        var pingHosts = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => client.GetGrain<IPingGrain>(i).ProcessIdAsync()));
        long[] PingsOn(int pid) => Enumerable.Range(0, pingHosts.Length).Where(i => pingHosts[i] == pid).Select(i => (long)i).ToArray();
        var callerHosts = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => client.GetGrain<IPingCallerGrain>(i).ProcessIdAsync()));
        var load = Enumerable.Range(0, callerHosts.Length)
            .Select(i => client.GetGrain<IPingCallerGrain>(i).PingForAsync(PingsOn(callerHosts[i] == first ? second : first), 1500))
            .ToArray();

        var visits = await Task.WhenAll(paths.Select(path => client.GetGrain<IBounceGrain>(path[0]).BounceAsync(path, 0)));
        var pings = await Task.WhenAll(load);

        visits.Should().AllSatisfy(visited => visited.Should().Equal(Enumerable.Range(0, hops).Select(h => h % 2 == 0 ? first : second)));
        pings.Should().OnlyContain(count => count > 0, "every caller got answers from the other silo");
        callerHosts.Distinct().Should().HaveCount(2, "callers ran on both silos");
    }

    [Fact]
    public async Task A_client_without_the_cluster_secret_is_refused()
    {
        await using var cluster = await ProcessCluster.StartAsync(postgres, silos: 1);

        var connecting = () => cluster.ConnectClientAsync(secret: "not-the-secret-of-this-cluster");

        await connecting.Should().ThrowAsync<Exception>().Where(e => e is ConnectionRejectedException || e.InnerException is ConnectionRejectedException);
        cluster.Silos[0].HasExited.Should().BeFalse();
    }

    [Fact]
    public async Task A_reminder_keeps_firing_from_another_silo_after_its_silo_is_killed()
    {
        await using var cluster = await ProcessCluster.StartAsync(postgres, silos: 2, [.. ProcessCluster.FastFailureDetection, "--Reminders:MinimumPeriod=00:00:00.200"]);
        var client = await cluster.ConnectClientAsync();
        var probe = client.GetGrain<IReminderProbeGrain>("r1");
        await probe.StartAsync(TimeSpan.FromMilliseconds(500));
        await WaitUntilAsync(async () => (await probe.TicksAsync()).Count >= 2, TimeSpan.FromSeconds(15));
        var owner = (await probe.TicksAsync()).LastProcessId;

        cluster.Silos.Single(s => s.ProcessId == owner).Kill();
        var survivor = cluster.Silos.Single(s => s.ProcessId != owner).ProcessId;

        await WaitUntilAsync(async () =>
        {
            try
            {
                var ticks = await probe.TicksAsync();
                return ticks.LastProcessId == survivor && ticks.Count >= 4;
            }
            catch (SiloUnavailableException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(30));
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            if (deadline.Elapsed > timeout) throw new TimeoutException("The condition did not become true in time.");
            await Task.Delay(200);
        }
    }
}
