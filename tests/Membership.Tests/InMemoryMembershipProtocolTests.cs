using System.Diagnostics;
using FluentAssertions;

namespace Commerce.Runtime.Membership.Tests;

/// <summary>The protocol over <see cref="InMemoryMembershipTable"/>, shared by the silos of the process.</summary>
public sealed class InMemoryMembershipProtocolTests(ITestOutputHelper output) : MembershipProtocolTests(output)
{
    protected override MembershipTestCluster CreateCluster(ClusterMembershipOptions options)
    {
        var table = new InMemoryMembershipTable();
        return new MembershipTestCluster(options, () => table, Output);
    }

    [Fact]
    public async Task With_the_production_defaults_a_killed_silo_is_dead_in_every_view_within_ten_seconds()
    {
        await using var cluster = CreateCluster(new ClusterMembershipOptions());
        var silos = await cluster.StartSilosAsync("a", "b", "c");
        await cluster.WaitUntilAsync(() => silos.All(s => s.View.ActiveSilos.Length == 3), TimeSpan.FromSeconds(10), "every view shows three active silos");

        var killed = Stopwatch.GetTimestamp();
        await cluster.KillAsync(silos[2]);
        await cluster.WaitUntilAllSeeAsync(silos[..2], silos[2], SiloStatus.Dead, TimeSpan.FromSeconds(20));
        var detection = Stopwatch.GetElapsedTime(killed);

        Output.WriteLine($"Killed silo dead in every view after {detection.TotalMilliseconds:F0} ms with the production defaults");
        detection.Should().BeLessThan(TimeSpan.FromSeconds(10));
    }
}
