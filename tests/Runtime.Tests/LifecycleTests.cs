using Commerce.Runtime.Configuration;
using Commerce.Runtime.Hosting;
using Commerce.Runtime.Tests.Grains;
using FluentAssertions;
using Xunit;

namespace Commerce.Runtime.Tests;

public sealed class LifecycleTests
{
    [Fact]
    public async Task OnActivateAsync_runs_once_before_the_first_request()
    {
        var probe = new Probe();
        await using var cluster = await Clusters.StartAsync(probe);
        var grain = cluster.GrainFactory.GetGrain<IEchoGrain>("life");

        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => grain.TouchAsync().AsTask()));

        probe.Count("activate life").Should().Be(1);
    }

    [Fact]
    public async Task DeactivateOnIdle_deactivates_after_the_request_and_the_next_call_gets_a_new_activation()
    {
        var probe = new Probe();
        await using var cluster = await Clusters.StartAsync(probe);
        var grain = cluster.GrainFactory.GetGrain<IEchoGrain>("cycle");
        var first = await grain.InstanceAsync();

        await grain.DeactivateAsync();
        await Clusters.WaitUntilAsync(() => probe.Count("deactivate cycle ApplicationRequested") == 1);

        (await grain.InstanceAsync()).Should().NotBe(first);
        probe.Count("activate cycle").Should().Be(2);
    }

    [Fact]
    public async Task Requests_queued_behind_a_deactivation_are_forwarded_to_the_next_activation()
    {
        await using var cluster = await Clusters.StartAsync();
        var grain = cluster.GrainFactory.GetGrain<IEchoGrain>("forward");
        await grain.TouchAsync();

        var deactivate = grain.DeactivateAsync();
        var queued = Enumerable.Range(0, 100).Select(i => grain.EchoAsync($"m{i}")).ToArray();
        await deactivate;

        (await Task.WhenAll(queued)).Should().Equal(Enumerable.Range(0, 100).Select(i => $"m{i}"));
    }

    [Fact]
    public async Task Idle_activations_are_collected_after_the_collection_age_and_busy_ones_are_not()
    {
        var probe = new Probe();
        await using var cluster = await Clusters.StartAsync(probe, silo => silo.Configure<GrainCollectionOptions>(o => o.CollectionAge = TimeSpan.FromMilliseconds(300)));
        var idle = cluster.GrainFactory.GetGrain<IEchoGrain>("idle");
        var busy = cluster.GrainFactory.GetGrain<IEchoGrain>("busy");
        await idle.TouchAsync();

        for (var i = 0; i < 8; i++)
        {
            await busy.TouchAsync();
            await Task.Delay(60);
        }

        cluster.CollectIdleActivations().Should().Be(1);
        await Clusters.WaitUntilAsync(() => probe.Count("deactivate idle ActivationIdle") == 1);
        probe.Count("deactivate busy ActivationIdle").Should().Be(0);
        cluster.IsActive(busy.GetGrainId()).Should().BeTrue();
    }

    [Fact]
    public async Task Graceful_shutdown_deactivates_every_activation()
    {
        var probe = new Probe();
        var cluster = await Clusters.StartAsync(probe);
        await Task.WhenAll(Enumerable.Range(0, 100).Select(i => cluster.GrainFactory.GetGrain<IEchoGrain>($"s{i}").TouchAsync().AsTask()));

        await cluster.DisposeAsync();

        probe.Events.Count(e => e.EndsWith("ShuttingDown")).Should().Be(100);
    }

    [Fact]
    public async Task A_failed_activation_fails_its_calls_and_the_next_call_activates_again()
    {
        var probe = new Probe();
        await using var cluster = await Clusters.StartAsync(probe);
        var grain = cluster.GrainFactory.GetGrain<IFailingActivationGrain>("flaky");

        var first = () => grain.AttemptAsync();

        await first.Should().ThrowAsync<ProbeException>().WithMessage("first activation fails");
        (await grain.AttemptAsync()).Should().Be(2);
    }

    [Fact]
    public void Constructing_a_grain_with_new_is_refused()
    {
        var constructing = () => new EchoGrain(new Probe());

        constructing.Should().Throw<InvalidOperationException>().WithMessage("*GetGrain*");
    }
}
