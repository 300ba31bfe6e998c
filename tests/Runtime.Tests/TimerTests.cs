using Commerce.Runtime.Tests.Grains;
using FluentAssertions;
using Xunit;

namespace Commerce.Runtime.Tests;

public sealed class TimerTests
{
    [Fact]
    public async Task Timer_ticks_run_on_the_activation_and_never_overlap()
    {
        await using var cluster = await Clusters.StartAsync();
        var grain = cluster.GrainFactory.GetGrain<ITimerGrain>("overlap");

        await grain.StartAsync(periodMilliseconds: 5, tickMilliseconds: 30, keepAlive: false);
        await Task.Delay(400);
        var report = await grain.ReportAsync();

        report.Ticks.Should().BeGreaterThan(3);
        report.MaxConcurrentTicks.Should().Be(1);
        report.AllOnActivation.Should().BeTrue();
    }

    [Fact]
    public async Task A_timer_tick_waits_for_a_running_request_instead_of_interleaving()
    {
        await using var cluster = await Clusters.StartAsync();
        var grain = cluster.GrainFactory.GetGrain<ITimerGrain>("waits");

        await grain.StartAsync(periodMilliseconds: 10, tickMilliseconds: 0, keepAlive: false);
        await grain.BusyAsync(300);

        (await grain.ReportAsync()).TicksDuringBusy.Should().Be(0);
    }

    [Fact]
    public async Task A_disposed_timer_stops_ticking()
    {
        await using var cluster = await Clusters.StartAsync();
        var grain = cluster.GrainFactory.GetGrain<ITimerGrain>("stops");
        await grain.StartAsync(periodMilliseconds: 10, tickMilliseconds: 0, keepAlive: false);
        await Task.Delay(100);

        await grain.StopAsync();
        var afterStop = (await grain.ReportAsync()).Ticks;
        await Task.Delay(200);

        (await grain.ReportAsync()).Ticks.Should().Be(afterStop);
    }

    [Fact]
    public async Task Timers_stop_when_the_activation_deactivates()
    {
        var probe = new Probe();
        var cluster = await Clusters.StartAsync(probe);
        var grain = cluster.GrainFactory.GetGrain<ITimerGrain>("shutdown");
        await grain.StartAsync(periodMilliseconds: 10, tickMilliseconds: 0, keepAlive: true);

        await cluster.DisposeAsync();

        probe.Count("timer deactivated shutdown ShuttingDown").Should().Be(1);
    }
}
