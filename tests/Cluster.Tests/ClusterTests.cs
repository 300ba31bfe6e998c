using System.Collections.Concurrent;
using System.Diagnostics;
using Commerce.Cluster.TestGrains;
using Commerce.Testing.Infrastructure;
using FluentAssertions;
using Xunit;
using Xunit.Abstractions;

namespace Commerce.Cluster.Tests;

/// <summary>
/// Real silo processes on a real PostgreSQL, called by an Orleans client in the test process: placement over
/// processes, failover after kill -9 and after a graceful stop, calls between silos, reminders after a kill.
/// Silos run with the product's default membership options.
/// </summary>
[Collection(PostgresFixture.Collection)]
public sealed class ClusterTests(PostgresFixture postgres, ITestOutputHelper output)
{
    [Fact]
    public async Task Calls_from_a_client_reach_grains_spread_over_three_silo_processes()
    {
        await using var cluster = await ProcessCluster.StartAsync(postgres, silos: 3);
        var client = await cluster.ConnectClientAsync();
        var silos = cluster.Silos.Select(s => s.ProcessId).ToArray();

        var hosts = await Task.WhenAll(Enumerable.Range(0, 90).Select(i => client.GetGrain<IPingGrain>(i).ProcessIdAsync()));
        var again = await Task.WhenAll(Enumerable.Range(0, 90).Select(i => client.GetGrain<IPingGrain>(i).ProcessIdAsync()));

        output.WriteLine("grains per silo: " + string.Join(", ", silos.Select(pid => $"{pid}: {hosts.Count(h => h == pid)}")));
        hosts.Should().OnlyContain(pid => silos.Contains(pid), "every grain runs in one of the silo processes, none in the client");
        hosts.Distinct().Should().HaveCountGreaterThan(1, "the grains spread over more than one silo process");
        again.Should().Equal(hosts, "a grain stays where it was activated");
        (await client.GetGrain<IPingGrain>(7).PingAsync(41)).Should().Be(42);
    }

    [Fact]
    public async Task Killing_a_silo_under_write_load_loses_no_acknowledged_write_and_its_grains_answer_again_within_ten_seconds()
    {
        await using var cluster = await ProcessCluster.StartAsync(postgres, silos: 3);
        // A call in flight to the killed silo fails only when the client's response timeout expires (the API's is
        // 10 s); a shorter one lets the load's callers retry sooner.
        var client = await cluster.ConnectClientAsync(responseTimeout: TimeSpan.FromSeconds(5));
        var counters = Enumerable.Range(0, 30).Select(i => new CounterLedger(client.GetGrain<ICounterGrain>($"kill-{i}"))).ToArray();
        var owners = await Task.WhenAll(counters.Select(c => c.Grain.ProcessIdAsync()));
        var victim = cluster.Silos.MaxBy(s => owners.Count(pid => pid == s.ProcessId))!;
        var victimCounters = counters.Where((_, i) => owners[i] == victim.ProcessId).ToArray();
        victimCounters.Should().NotBeEmpty();

        using var stop = new CancellationTokenSource();
        var load = StartWriteLoad(counters, callersPerCounter: 2, stop.Token);
        await Task.Delay(TimeSpan.FromSeconds(2));
        counters.Should().OnlyContain(c => c.Acknowledged > 0, "the load runs before the kill");

        var sinceKill = Stopwatch.StartNew();
        victim.Kill();
        var declaredDead = Task.Run(async () =>
        {
            await ProcessCluster.WaitUntilAsync(
                async () => await cluster.StatusAsync(victim) == ProcessCluster.Dead, TimeSpan.FromSeconds(60), () => "the killed silo was not declared dead");
            return sinceKill.Elapsed;
        });
        var recovered = await Task.WhenAll(victimCounters.Select(c => Task.Run(async () =>
        {
            await ProcessCluster.WaitUntilAsync(
                async () =>
                {
                    try
                    {
                        // Each probe waits at most a second, so a call parked on the dead silo does not hide a recovery.
                        return await c.Grain.ProcessIdAsync().WaitAsync(TimeSpan.FromSeconds(1)) != victim.ProcessId;
                    }
                    catch (Exception)
                    {
                        return false;
                    }
                },
                TimeSpan.FromSeconds(60),
                () => $"{c.Grain.GetPrimaryKeyString()} did not answer again\n{cluster.Diagnostics()}");
            return sinceKill.Elapsed;
        })));
        var deadAfter = await declaredDead;
        var backAfter = recovered.Max();
        var acknowledgedBeforeRecovery = victimCounters.Select(c => c.Acknowledged).ToArray();

        // The survivors keep serving the load until the moved counters took writes again (callers whose call was in
        // flight on the killed silo wait for the client's response timeout first).
        var progressAfter = await ProcessCluster.WaitUntilAsync(
            () => Task.FromResult(victimCounters.Select(c => c.Acknowledged).Zip(acknowledgedBeforeRecovery).All(p => p.First > p.Second)),
            TimeSpan.FromSeconds(45), () => $"the killed silo's counters take no writes\n{cluster.Diagnostics()}") + backAfter;
        await Task.Delay(TimeSpan.FromSeconds(0.5));
        await stop.CancelAsync();
        await load;

        output.WriteLine($"killed {victim.Name}, which owned {victimCounters.Length} of {counters.Length} counters");
        output.WriteLine($"declared Dead in the membership table after {deadAfter.TotalSeconds:0.00} s");
        output.WriteLine($"its grains answered again from the survivors after {recovered.Min().TotalSeconds:0.00} s (first) .. {backAfter.TotalSeconds:0.00} s (last)");
        output.WriteLine($"every moved counter took writes from the load callers again after {progressAfter.TotalSeconds:0.00} s");
        output.WriteLine($"{counters.Sum(c => c.Acknowledged)} acknowledged increments; {counters.Sum(c => c.Failed)} failed attempts, retried: {CounterLedger.Summarize(counters)}");
        backAfter.Should().BeLessThan(TimeSpan.FromSeconds(10), "the product claims a killed silo's grains answer again within 10 s with its default membership options");
        await AssertNoAcknowledgedWriteLostAsync(counters);
    }

    [Fact]
    public async Task A_gracefully_stopped_silo_hands_its_grains_over_without_errors_to_callers_that_retry()
    {
        await using var cluster = await ProcessCluster.StartAsync(postgres, silos: 3);
        var client = await cluster.ConnectClientAsync(responseTimeout: TimeSpan.FromSeconds(10));
        var counters = Enumerable.Range(0, 24).Select(i => new CounterLedger(client.GetGrain<ICounterGrain>($"stop-{i}"))).ToArray();
        var owners = await Task.WhenAll(counters.Select(c => c.Grain.ProcessIdAsync()));
        var leaving = cluster.Silos.MaxBy(s => owners.Count(pid => pid == s.ProcessId))!;
        var handedOver = counters.Where((_, i) => owners[i] == leaving.ProcessId).ToArray();
        handedOver.Should().NotBeEmpty();

        using var stop = new CancellationTokenSource();
        var load = StartWriteLoad(counters, callersPerCounter: 2, stop.Token);
        await Task.Delay(TimeSpan.FromSeconds(2));
        var stopping = Stopwatch.StartNew();
        await leaving.StopAsync(TimeSpan.FromSeconds(60));
        var stoppedAfter = stopping.Elapsed;
        var acknowledgedAtStop = handedOver.Select(c => c.Acknowledged).ToArray();
        // Until every handed-over counter took a write on a survivor: a call that was in flight to the leaving silo
        // may only fail at the client's response timeout (10 s) before its caller retries.
        var handOverDeadline = Stopwatch.StartNew();
        while (handedOver.Where((c, i) => c.Acknowledged <= acknowledgedAtStop[i]).Any() && handOverDeadline.Elapsed < TimeSpan.FromSeconds(40))
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        await Task.Delay(TimeSpan.FromSeconds(1));
        await stop.CancelAsync();
        await load;

        output.WriteLine($"stopped {leaving.Name} (owner of {handedOver.Length} counters) in {stoppedAfter.TotalSeconds:0.00} s; exit code {leaving.ExitCode}");
        output.WriteLine($"{counters.Sum(c => c.Acknowledged)} acknowledged increments; {counters.Sum(c => c.Failed)} failed attempts, retried: {CounterLedger.Summarize(counters)}");
        counters.Should().OnlyContain(c => c.GaveUp == 0, "every increment succeeded within its retries");
        leaving.ExitCode.Should().Be(0, $"the silo stops cleanly on SIGTERM\n{cluster.Diagnostics()}");
        (await cluster.StatusAsync(leaving)).Should().Be(ProcessCluster.Dead, "a silo that leaves marks itself dead in the membership table");
        var survivors = cluster.Silos.Where(s => s != leaving).Select(s => s.ProcessId).ToArray();
        (await Task.WhenAll(handedOver.Select(c => c.Grain.ProcessIdAsync()))).Should().OnlyContain(pid => survivors.Contains(pid));
        handedOver.Select(c => c.Acknowledged).Zip(acknowledgedAtStop).Should().OnlyContain(p => p.First > p.Second, "the handed-over counters take writes on the survivors");
        await AssertNoAcknowledgedWriteLostAsync(counters);
    }

    [Fact]
    public async Task Grains_on_two_silos_call_each_other_in_chains_that_cross_back_and_forth_while_both_silos_are_under_load()
    {
        await using var cluster = await ProcessCluster.StartAsync(postgres, silos: 2);
        var client = await cluster.ConnectClientAsync();
        var (first, second) = (cluster.Silos[0].ProcessId, cluster.Silos[1].ProcessId);
        const int chains = 20, hops = 12;

        // Distinct grains per chain: a chain waits on each of its grains, so two chains sharing a grain could deadlock.
        // Orleans places new grains where it likes, so grains are activated until each silo has enough.
        var bounces = await KeysOnEachSiloAsync(k => client.GetGrain<IBounceGrain>(k).ProcessIdAsync(), first, second, chains * hops / 2);
        var (onFirst, onSecond) = (new Queue<long>(bounces.OnFirst), new Queue<long>(bounces.OnSecond));
        var paths = Enumerable.Range(0, chains).Select(_ => Enumerable.Range(0, hops).Select(h => h % 2 == 0 ? onFirst.Dequeue() : onSecond.Dequeue()).ToArray()).ToArray();

        // Meanwhile callers on each silo keep the connections between the silos busy in both directions.
        var pings = await KeysOnEachSiloAsync(k => client.GetGrain<IPingGrain>(k).ProcessIdAsync(), first, second, 20);
        var callers = await KeysOnEachSiloAsync(k => client.GetGrain<IPingCallerGrain>(k).ProcessIdAsync(), first, second, 20);
        var load = callers.OnFirst.Take(20).Select(k => client.GetGrain<IPingCallerGrain>(k).PingForAsync(pings.OnSecond, 3000))
            .Concat(callers.OnSecond.Take(20).Select(k => client.GetGrain<IPingCallerGrain>(k).PingForAsync(pings.OnFirst, 3000)))
            .ToArray();

        await Task.Delay(300);
        var visits = await Task.WhenAll(paths.Select(path => client.GetGrain<IBounceGrain>(path[0]).BounceAsync(path, 0)));
        var answered = await Task.WhenAll(load);

        output.WriteLine($"{chains} chains of {hops} hops; {answered.Sum()} pings across the silos meanwhile");
        visits.Should().AllSatisfy(visited => visited.Should().Equal(Enumerable.Range(0, hops).Select(h => h % 2 == 0 ? first : second)));
        answered.Should().OnlyContain(count => count > 0, "every caller got answers from the other silo");
    }

    /// <summary>Activates grains of consecutive keys until at least <paramref name="each"/> of them run on each of the two silos.</summary>
    private static async Task<(long[] OnFirst, long[] OnSecond)> KeysOnEachSiloAsync(Func<long, Task<int>> activate, int first, int second, int each)
    {
        var (onFirst, onSecond) = (new List<long>(), new List<long>());
        for (var batch = 0; onFirst.Count < each || onSecond.Count < each; batch++)
        {
            if (batch == 30) throw new InvalidOperationException($"After {batch * 100} grains, {onFirst.Count} run on the first silo and {onSecond.Count} on the second.");
            var keys = Enumerable.Range(batch * 100, 100).Select(i => (long)i).ToArray();
            var hosts = await Task.WhenAll(keys.Select(activate));
            for (var i = 0; i < keys.Length; i++)
            {
                if (hosts[i] == first) onFirst.Add(keys[i]);
                else if (hosts[i] == second) onSecond.Add(keys[i]);
                else throw new InvalidOperationException($"Grain {keys[i]} runs in process {hosts[i]}, no silo of the cluster.");
            }
        }

        return ([.. onFirst], [.. onSecond]);
    }

    [Fact]
    public async Task A_reminder_keeps_firing_from_another_silo_after_its_silo_is_killed()
    {
        await using var cluster = await ProcessCluster.StartAsync(postgres, silos: 2, "--Reminders:MinimumReminderPeriod=00:00:01");
        var client = await cluster.ConnectClientAsync(responseTimeout: TimeSpan.FromSeconds(10));
        var probe = client.GetGrain<IReminderProbeGrain>("reminder-1");
        await probe.StartAsync(TimeSpan.FromSeconds(1));
        await ProcessCluster.WaitUntilAsync(async () => (await probe.TicksAsync()).Count >= 3, TimeSpan.FromSeconds(30), () => $"the reminder did not fire\n{cluster.Diagnostics()}");
        var before = await probe.TicksAsync();
        var victim = cluster.Silos.Single(s => s.ProcessId == before.LastProcessId);
        var survivor = cluster.Silos.Single(s => s != victim);

        var sinceKill = Stopwatch.StartNew();
        victim.Kill();
        ReminderTicks? after = null;
        await ProcessCluster.WaitUntilAsync(
            async () =>
            {
                try
                {
                    after = await probe.TicksAsync().WaitAsync(TimeSpan.FromSeconds(1));
                    return after.LastProcessId == survivor.ProcessId && after.Count >= before.Count + 2;
                }
                catch (Exception)
                {
                    return false;
                }
            },
            TimeSpan.FromSeconds(60),
            () => $"the reminder did not fire from the survivor (last: {after})\n{cluster.Diagnostics()}");

        output.WriteLine($"{before.Count} ticks on {victim.Name}; {after!.Count - before.Count} more, the last on {survivor.Name}, {sinceKill.Elapsed.TotalSeconds:0.0} s after the kill");
    }

    /// <summary>Every counter's value is at least each of its acknowledged values, and not more than all attempts could explain.</summary>
    private static async Task AssertNoAcknowledgedWriteLostAsync(IEnumerable<CounterLedger> counters)
    {
        foreach (var counter in counters)
        {
            var stored = await counter.Grain.GetAsync();
            var acknowledged = counter.AcknowledgedValues;
            var name = counter.Grain.GetPrimaryKeyString();
            acknowledged.Should().OnlyHaveUniqueItems($"two acknowledged increments of {name} got the same value, so one of them was lost");
            stored.Should().BeGreaterThanOrEqualTo(acknowledged.Max(), $"{name} acknowledged {acknowledged.Max()}");
            stored.Should().BeInRange(acknowledged.Count, acknowledged.Count + counter.Failed, $"{name} holds every acknowledged increment, plus at most the failed attempts");
        }
    }

    /// <summary>Callers that increment each counter in a loop, retrying (after a pause) whatever fails, until stopped.</summary>
    private static Task StartWriteLoad(CounterLedger[] counters, int callersPerCounter, CancellationToken stop) =>
        Task.WhenAll(counters.SelectMany(counter => Enumerable.Range(0, callersPerCounter).Select(_ => Task.Run(async () =>
        {
            var failingSince = (Stopwatch?)null;
            while (!stop.IsCancellationRequested)
            {
                var call = Stopwatch.StartNew();
                try
                {
                    counter.Acknowledge(await counter.Grain.IncrementAsync());
                    failingSince = null;
                }
                catch (Exception exception)
                {
                    counter.Fail(exception, call.Elapsed);
                    failingSince ??= Stopwatch.StartNew();
                    if (failingSince.Elapsed > TimeSpan.FromSeconds(30))
                    {
                        counter.GiveUp();
                        return;
                    }

                    await Task.Delay(100);
                }
            }
        }))));

    /// <summary>What the callers of one counter saw: the values of acknowledged increments and the failed attempts.</summary>
    private sealed class CounterLedger(ICounterGrain grain)
    {
        private readonly List<long> _acknowledged = [];
        private readonly ConcurrentQueue<(Exception Exception, TimeSpan After)> _failures = new();
        private int _gaveUp;

        public ICounterGrain Grain { get; } = grain;

        public int Acknowledged
        {
            get { lock (_acknowledged) return _acknowledged.Count; }
        }

        public IReadOnlyList<long> AcknowledgedValues
        {
            get { lock (_acknowledged) return [.. _acknowledged]; }
        }

        public int Failed => _failures.Count;

        public int GaveUp => Volatile.Read(ref _gaveUp);

        public void Acknowledge(long value)
        {
            lock (_acknowledged) _acknowledged.Add(value);
        }

        public void Fail(Exception exception, TimeSpan after) => _failures.Enqueue((exception, after));

        public void GiveUp() => Interlocked.Increment(ref _gaveUp);

        public static string Summarize(IEnumerable<CounterLedger> counters)
        {
            var kinds = counters.SelectMany(c => c._failures).GroupBy(f => f.Exception.GetType().Name)
                .Select(g => $"{g.Count()} {g.Key} after {g.Min(f => f.After.TotalSeconds):0.0}..{g.Max(f => f.After.TotalSeconds):0.0} s (\"{Shorten(g.First().Exception.Message)}\")")
                .ToArray();
            return kinds.Length == 0 ? "none" : string.Join(", ", kinds);
        }

        private static string Shorten(string message) => message.Length <= 160 ? message : message[..160] + "...";
    }
}
