using System.Collections.Immutable;
using System.Diagnostics;
using FluentAssertions;

namespace Commerce.Runtime.Membership.Tests;

/// <summary>
/// The membership protocol, run by the subclasses over each membership table. Timings are the
/// production defaults divided by <see cref="TimeScale"/>, so the detection bound asserted here is
/// the production one (10 s) scaled the same way.
/// </summary>
public abstract class MembershipProtocolTests(ITestOutputHelper output) : IAsyncLifetime
{
    protected const int TimeScale = 5;

    /// <summary>A killed silo must be dead in every view within 10 s in production.</summary>
    protected static readonly TimeSpan DetectionBound = TimeSpan.FromSeconds(10) / TimeScale;

    /// <summary>How long the tests wait for a condition that should hold much sooner; failures report the actual time.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly List<MembershipTestCluster> _clusters = [];

    protected ITestOutputHelper Output { get; } = output;

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        foreach (var cluster in _clusters) await cluster.DisposeAsync();
    }

    /// <summary>The production defaults with every duration divided by <see cref="TimeScale"/>.</summary>
    protected static ClusterMembershipOptions ScaledDefaults()
    {
        var defaults = new ClusterMembershipOptions();
        return new ClusterMembershipOptions
        {
            ProbePeriod = defaults.ProbePeriod / TimeScale,
            ProbeTimeout = defaults.ProbeTimeout / TimeScale,
            NumMissedProbesLimit = defaults.NumMissedProbesLimit,
            NumProbedSilos = defaults.NumProbedSilos,
            NumVotesForDeathDeclaration = defaults.NumVotesForDeathDeclaration,
            DeathVoteExpiration = defaults.DeathVoteExpiration / TimeScale,
            IAmAlivePeriod = defaults.IAmAlivePeriod / TimeScale,
            NumMissedIAmAliveLimit = defaults.NumMissedIAmAliveLimit,
            TableRefreshPeriod = defaults.TableRefreshPeriod / TimeScale,
            JoinTimeout = defaults.JoinTimeout / TimeScale,
            DefunctSiloCleanupPeriod = defaults.DefunctSiloCleanupPeriod / TimeScale,
            DefunctSiloExpiration = defaults.DefunctSiloExpiration / TimeScale,
        };
    }

    /// <summary>A cluster over a fresh, empty membership of the table under test.</summary>
    protected abstract MembershipTestCluster CreateCluster(ClusterMembershipOptions options);

    private MembershipTestCluster NewCluster(Action<ClusterMembershipOptions>? configure = null)
    {
        var options = ScaledDefaults();
        configure?.Invoke(options);
        var cluster = CreateCluster(options);
        _clusters.Add(cluster);
        return cluster;
    }

    [Fact]
    public async Task Three_silos_join_and_every_view_converges_on_three_active_silos()
    {
        var cluster = NewCluster();

        var silos = await cluster.StartSilosAsync("a", "b", "c");

        await cluster.WaitUntilAsync(() => silos.All(s => s.View.ActiveSilos.Length == 3), Patience, "every view shows three active silos");
        var expected = silos.Select(s => s.Address).Order().ToArray();
        silos.Should().AllSatisfy(s => s.View.ActiveSilos.Should().Equal(expected));
        silos.Should().AllSatisfy(s => s.DeclaredDeadRaised.Should().Be(0));
    }

    [Fact]
    public async Task A_killed_silo_is_declared_dead_by_two_votes_and_every_view_converges_within_the_detection_bound()
    {
        var cluster = NewCluster();
        var (a, b, c) = await StartThreeAsync(cluster);

        var killed = Stopwatch.GetTimestamp();
        await cluster.KillAsync(c);
        await cluster.WaitUntilAllSeeAsync([a, b], c, SiloStatus.Dead, Patience);
        var detection = Stopwatch.GetElapsedTime(killed);

        Output.WriteLine($"Killed silo dead in every view after {detection.TotalMilliseconds:F0} ms (bound {DetectionBound.TotalMilliseconds:F0} ms)");
        detection.Should().BeLessThan(DetectionBound);
        var entry = await cluster.ReadEntryAsync(c);
        entry!.Status.Should().Be(SiloStatus.Dead);
        entry.Suspicions.Select(v => v.Voter).Should().BeEquivalentTo([a.Address, b.Address]);
        a.View.ActiveSilos.Should().Equal(new[] { a.Address, b.Address }.Order());
    }

    [Fact]
    public async Task A_silo_declared_dead_while_still_running_raises_DeclaredDead_once_and_stops_probing()
    {
        var cluster = NewCluster();
        var (a, b, c) = await StartThreeAsync(cluster);

        cluster.Network.Silence(c.Address); // c runs on, but nobody hears it any more

        await cluster.WaitUntilAsync(() => c.DeclaredDeadRaised > 0, Patience, "c learns that it was declared dead");
        c.Service.IsDeclaredDead.Should().BeTrue();
        c.Sees(c).Should().Be(SiloStatus.Dead);
        await cluster.WaitUntilAllSeeAsync([a, b], c, SiloStatus.Dead, Patience);
        await Task.Delay(cluster.Options.ProbeTimeout); // a probe in flight when c learnt it
        var probesSent = cluster.Network.ProbesSentBy(c.Address);
        await Task.Delay(cluster.Options.ProbePeriod * 3);
        cluster.Network.ProbesSentBy(c.Address).Should().Be(probesSent, "a dead silo probes nobody");
        c.DeclaredDeadRaised.Should().Be(1);
        c.Service.GetHealthSnapshot().Probes.Should().BeEmpty();
        (await cluster.ReadEntryAsync(c))!.Status.Should().Be(SiloStatus.Dead, "a dead row is never written back");
    }

    [Fact]
    public async Task A_dead_identity_cannot_rejoin()
    {
        var cluster = NewCluster();
        var a = await cluster.StartSiloAsync("a");
        var b = await cluster.StartSiloAsync("b");
        await cluster.KillAsync(b);
        await cluster.WaitUntilAllSeeAsync([a], b, SiloStatus.Dead, Patience);

        var again = cluster.CreateSilo("b-again", b.Address.Port, b.Address.Generation);
        var join = () => again.JoinAsync();

        await join.Should().ThrowAsync<MembershipJoinException>().WithMessage("*declared dead*new generation*");
        (await cluster.Table.ReadAllAsync()).Rows.Where(r => r.Address == b.Address).Should().ContainSingle()
            .Which.Status.Should().Be(SiloStatus.Dead);
        again.Service.IsDeclaredDead.Should().BeFalse("it never joined, so there was nothing to declare");
    }

    [Fact]
    public async Task A_restart_with_a_new_generation_joins_and_marks_its_previous_incarnation_dead()
    {
        var cluster = NewCluster();
        var (a, b, old) = await StartThreeAsync(cluster);
        await cluster.KillAsync(old);

        var restarted = cluster.CreateSilo("c-restarted", old.Address.Port, old.Address.Generation + 1);
        await restarted.JoinAsync();

        (await cluster.ReadEntryAsync(old))!.Status.Should().Be(SiloStatus.Dead);
        (await cluster.ReadEntryAsync(restarted))!.Status.Should().Be(SiloStatus.Active);
        await cluster.WaitUntilAsync(
            () => new[] { a, b, restarted }.All(s => s.Sees(old) == SiloStatus.Dead && s.Sees(restarted) == SiloStatus.Active),
            Patience, "every view shows the old incarnation dead and the new one active");
    }

    [Fact]
    public async Task A_stale_incarnation_cannot_join_after_a_newer_one_on_the_same_endpoint()
    {
        var cluster = NewCluster();
        var newer = await cluster.StartSiloAsync("newer", port: 20_000, generation: 2_000);

        var stale = cluster.CreateSilo("stale", port: 20_000, generation: 1_999);
        var join = () => stale.JoinAsync();

        await join.Should().ThrowAsync<MembershipJoinException>().WithMessage("*superseded*");
        (await cluster.ReadEntryAsync(newer))!.Status.Should().Be(SiloStatus.Active);
    }

    [Fact]
    public async Task A_graceful_leave_goes_through_ShuttingDown_to_Dead_without_votes()
    {
        var cluster = NewCluster();
        var (a, b, c) = await StartThreeAsync(cluster);

        await c.Service.BeginLeaveAsync();
        await cluster.WaitUntilAllSeeAsync([a, b], c, SiloStatus.ShuttingDown, Patience);
        a.View.ActiveSilos.Should().NotContain(c.Address, "a leaving silo takes no new grains");

        await c.Service.LeaveAsync();
        await cluster.WaitUntilAllSeeAsync([a, b], c, SiloStatus.Dead, Patience);

        var entry = await cluster.ReadEntryAsync(c);
        entry!.Status.Should().Be(SiloStatus.Dead);
        entry.Suspicions.Should().BeEmpty();
        c.DeclaredDeadRaised.Should().Be(0);
    }

    [Fact]
    public async Task Silos_joining_concurrently_all_become_active()
    {
        var cluster = NewCluster();
        var silos = new[] { "a", "b", "c", "d" }.Select(name => cluster.CreateSilo(name)).ToArray();

        await Task.WhenAll(silos.Select(s => Task.Run(() => s.JoinAsync())));

        await cluster.WaitUntilAsync(() => silos.All(s => s.View.ActiveSilos.Length == 4), Patience, "every view shows four active silos");
        (await cluster.Table.ReadAllAsync()).Rows.Should().HaveCount(4).And.OnlyContain(r => r.Status == SiloStatus.Active);
    }

    [Fact]
    public async Task A_joining_silo_waits_for_an_unanswering_active_silo_to_be_declared_dead_then_becomes_active()
    {
        var cluster = NewCluster();
        var (a, b, c) = await StartThreeAsync(cluster);
        await cluster.KillAsync(c);

        var d = await cluster.StartSiloAsync("d");

        d.Sees(c).Should().Be(SiloStatus.Dead, "d became active only after the others declared c dead");
        d.Sees(d).Should().Be(SiloStatus.Active);
        await cluster.WaitUntilAsync(() => a.Sees(d) == SiloStatus.Active && b.Sees(d) == SiloStatus.Active, Patience, "a and b see d active");
    }

    [Fact]
    public async Task A_silo_that_cannot_reach_an_active_silo_gives_up_after_the_join_timeout_and_marks_itself_dead()
    {
        var cluster = NewCluster(o => o.JoinTimeout = TimeSpan.FromSeconds(1));
        var a = await cluster.StartSiloAsync("a");
        var d = cluster.CreateSilo("d");
        cluster.Network.Cut(d.Address, a.Address); // only d cannot reach a: nobody declares a dead

        var started = Stopwatch.GetTimestamp();
        var join = () => d.JoinAsync();

        await join.Should().ThrowAsync<MembershipJoinException>().WithMessage("*did not complete within*");
        Stopwatch.GetElapsedTime(started).Should().BeLessThan(cluster.Options.JoinTimeout * 3);
        (await cluster.ReadEntryAsync(d))!.Status.Should().Be(SiloStatus.Dead);
        (await cluster.ReadEntryAsync(a))!.Status.Should().Be(SiloStatus.Active);
    }

    [Fact]
    public async Task A_row_left_joining_longer_than_the_join_timeout_is_declared_dead_by_an_active_silo()
    {
        var cluster = NewCluster(o => o.JoinTimeout = TimeSpan.FromSeconds(1));
        await cluster.StartSiloAsync("a");
        var crashed = new SiloAddress("10.0.0.9", 1, 1);
        var longAgo = DateTimeOffset.UtcNow - TimeSpan.FromMinutes(1);
        await InsertAsync(cluster.Table, new MembershipEntry(crashed, SiloStatus.Joining, "crashed", "host", 0, longAgo, longAgo, []));

        await cluster.WaitUntilAsync(() => cluster.Silos[0].View.StatusOf(crashed) == SiloStatus.Dead, Patience, "the stuck joiner is dead");
    }

    [Fact]
    public async Task Votes_older_than_the_expiration_do_not_count()
    {
        var cluster = NewCluster();
        var (a, b, c) = await StartThreeAsync(cluster);
        // a voted against c long ago; that vote has expired.
        var expired = DateTimeOffset.UtcNow - cluster.Options.DeathVoteExpiration - TimeSpan.FromSeconds(1);
        await UpdateAsync(cluster.Table, c.Address, e => e with { Suspicions = [new SuspicionVote(a.Address, expired)] });

        cluster.Network.Cut(b.Address, c.Address); // now only b cannot reach c

        await cluster.WaitUntilAsync(() => b.Service.GetHealthSnapshot().Entries.Single(e => e.Address == c.Address).Suspicions.Any(v => v.Voter == b.Address),
            Patience, "b voted against c");
        await Task.Delay(cluster.Options.ProbePeriod * 5);
        var entry = await cluster.ReadEntryAsync(c);
        entry!.Status.Should().Be(SiloStatus.Active, "one fresh vote of the two required");
        entry.Suspicions.Select(v => v.Voter).Should().Equal([b.Address], "the expired vote was dropped when b voted");
        c.DeclaredDeadRaised.Should().Be(0);
    }

    [Fact]
    public async Task With_two_silos_one_vote_declares_the_other_dead()
    {
        var cluster = NewCluster();
        var a = await cluster.StartSiloAsync("a");
        var b = await cluster.StartSiloAsync("b");

        await cluster.KillAsync(b);

        await cluster.WaitUntilAllSeeAsync([a], b, SiloStatus.Dead, Patience);
        (await cluster.ReadEntryAsync(b))!.Suspicions.Select(v => v.Voter).Should().Equal([a.Address]);
        a.View.ActiveSilos.Should().Equal([a.Address]);
    }

    [Fact]
    public async Task An_active_silo_deletes_dead_rows_older_than_the_expiration_and_keeps_every_other_row()
    {
        var cluster = NewCluster(o =>
        {
            o.DefunctSiloCleanupPeriod = TimeSpan.FromMilliseconds(100);
            o.DefunctSiloExpiration = TimeSpan.FromMinutes(10);
        });
        var now = DateTimeOffset.UtcNow;
        var oldDead = new MembershipEntry(new SiloAddress("10.0.0.7", 1, 1), SiloStatus.Dead, "old", "host", 0, now.AddHours(-2), now.AddHours(-1), []);
        var recentDead = new MembershipEntry(new SiloAddress("10.0.0.8", 1, 1), SiloStatus.Dead, "recent", "host", 0, now.AddHours(-2), now.AddMinutes(-1), []);
        await InsertAsync(cluster.Table, oldDead);
        await InsertAsync(cluster.Table, recentDead);

        var a = await cluster.StartSiloAsync("a");

        await cluster.WaitUntilAsync(() => a.View.StatusOf(oldDead.Address) == SiloStatus.None, Patience, "the old dead row is gone");
        var rows = (await cluster.Table.ReadAllAsync()).Rows.Select(r => r.Address);
        rows.Should().BeEquivalentTo([recentDead.Address, a.Address]);
    }

    private static async Task<(TestSilo A, TestSilo B, TestSilo C)> StartThreeAsync(MembershipTestCluster cluster)
    {
        var silos = await cluster.StartSilosAsync("a", "b", "c");
        await cluster.WaitUntilAsync(() => silos.All(s => s.View.ActiveSilos.Length == 3), Patience, "every view shows three active silos");
        return (silos[0], silos[1], silos[2]);
    }

    private static async Task InsertAsync(IMembershipTable table, MembershipEntry entry)
    {
        while (!await table.InsertRowAsync(entry, (await table.ReadAllAsync()).Version))
        {
        }
    }

    private static async Task UpdateAsync(IMembershipTable table, SiloAddress silo, Func<MembershipEntry, MembershipEntry> change)
    {
        while (true)
        {
            var snapshot = await table.ReadAllAsync();
            var row = snapshot.Find(silo)!;
            if (await table.UpdateRowAsync(change(row.Entry), row.ETag, snapshot.Version)) return;
        }
    }
}
