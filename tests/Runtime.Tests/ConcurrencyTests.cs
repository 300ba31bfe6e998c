using Commerce.Runtime.Tests.Grains;
using FluentAssertions;
using Xunit;

namespace Commerce.Runtime.Tests;

public sealed class ConcurrencyTests
{
    [Fact]
    public async Task A_grain_runs_one_request_at_a_time_even_across_awaits()
    {
        await using var cluster = await Clusters.StartAsync();
        var grain = cluster.GrainFactory.GetGrain<IConcurrencyGrain>("serial");

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => grain.AppendAsync(i, 2)));

        (await grain.MaxConcurrencyAsync()).Should().Be(1);
    }

    [Fact]
    public async Task Requests_from_one_caller_run_in_the_order_they_were_sent()
    {
        await using var cluster = await Clusters.StartAsync();
        var grain = cluster.GrainFactory.GetGrain<IConcurrencyGrain>("ordered");

        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => grain.AppendAsync(i, 0)).ToArray());

        (await grain.ValuesAsync()).Should().Equal(Enumerable.Range(0, 200));
    }

    [Fact]
    public async Task Unsynchronized_grain_state_stays_exact_under_concurrent_calls()
    {
        await using var cluster = await Clusters.StartAsync();
        var grain = cluster.GrainFactory.GetGrain<IConcurrencyGrain>("counter");

        await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => Task.Run(() => grain.IncrementAsync())));

        (await grain.CounterAsync()).Should().Be(100);
    }

    [Fact]
    public async Task Continuations_resume_on_the_activations_own_scheduler()
    {
        await using var cluster = await Clusters.StartAsync();

        (await cluster.GrainFactory.GetGrain<IEchoGrain>("scheduler").RunsOnActivationSchedulerAsync()).Should().BeTrue();
    }

    [Fact]
    public async Task A_non_reentrant_grain_does_not_interleave_requests()
    {
        await using var cluster = await Clusters.StartAsync();
        var grain = cluster.GrainFactory.GetGrain<IConcurrencyGrain>("no-meeting");

        var met = await Task.WhenAll(grain.MeetAsync(2), grain.MeetAsync(2));

        // The second call only starts after the first gave up waiting for it.
        met.Should().Equal(false, true);
    }

    [Fact]
    public async Task A_reentrant_grain_interleaves_requests_at_await_points()
    {
        await using var cluster = await Clusters.StartAsync();
        var grain = cluster.GrainFactory.GetGrain<IReentrantGrain>("meeting");

        var met = await Task.WhenAll(grain.MeetAsync(3), grain.MeetAsync(3), grain.MeetAsync(3));

        met.Should().OnlyContain(m => m);
        (await grain.MaxConcurrencyAsync()).Should().Be(3);
    }

    [Fact]
    public async Task Read_only_requests_interleave_with_each_other()
    {
        await using var cluster = await Clusters.StartAsync();
        var grain = cluster.GrainFactory.GetGrain<IConcurrencyGrain>("readers");

        var met = await Task.WhenAll(grain.MeetReadOnlyAsync(2), grain.MeetReadOnlyAsync(2));

        met.Should().OnlyContain(m => m);
    }

    [Fact]
    public async Task A_writer_waits_for_read_only_requests_and_they_wait_for_it()
    {
        await using var cluster = await Clusters.StartAsync();
        var grain = cluster.GrainFactory.GetGrain<IConcurrencyGrain>("reader-writer");

        var met = await Task.WhenAll(grain.MeetReadOnlyAsync(2), grain.MeetAsync(2));

        met.Should().Equal(false, true);
    }

    [Fact]
    public async Task An_always_interleave_request_runs_while_another_request_awaits()
    {
        await using var cluster = await Clusters.StartAsync();
        var grain = cluster.GrainFactory.GetGrain<IConcurrencyGrain>("interleave");

        var slow = grain.AppendAsync(1, 500);
        await Task.Delay(100);
        var inside = await grain.PeekCountAsync().WaitAsync(TimeSpan.FromMilliseconds(300));
        await slow;

        inside.Should().Be(1, "the slow request was still inside when the interleaving one ran");
    }

    [Fact]
    public async Task A_call_cycle_through_an_always_interleave_method_completes()
    {
        await using var cluster = await Clusters.StartAsync();

        var result = await cluster.GrainFactory.GetGrain<IConcurrencyGrain>("cycle-a").CallCycleAsync("cycle-b", interleavingCallBack: true);

        result.Should().Be("cycle-ok");
    }

    [Fact]
    public async Task A_call_cycle_between_reentrant_grains_completes()
    {
        await using var cluster = await Clusters.StartAsync();

        var result = await cluster.GrainFactory.GetGrain<IReentrantGrain>("r-cycle-a").CallCycleAsync("r-cycle-b", interleavingCallBack: false);

        result.Should().Be("cycle-ok");
    }

    [Fact]
    public async Task A_stateless_worker_spreads_concurrent_calls_over_up_to_its_maximum_of_activations()
    {
        await using var cluster = await Clusters.StartAsync();
        var worker = cluster.GrainFactory.GetGrain<IWorkerGrain>("pricing");

        var instances = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => worker.WorkAsync(100)));

        instances.Distinct().Should().HaveCount(3);
    }

    [Fact]
    public async Task A_one_way_call_returns_before_the_grain_finishes_and_its_failure_is_not_thrown()
    {
        await using var cluster = await Clusters.StartAsync();
        var grain = cluster.GrainFactory.GetGrain<IOneWayGrain>("fire");

        var fire = grain.FireAsync("first", 300);
        fire.IsCompleted.Should().BeTrue();
        await grain.FireAndFailAsync();

        (await grain.ReceivedAsync()).Should().Equal("first");
    }
}
