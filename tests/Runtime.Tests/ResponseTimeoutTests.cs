using Commerce.Runtime.Hosting;
using Commerce.Runtime.Tests.Grains;
using FluentAssertions;
using Xunit;

namespace Commerce.Runtime.Tests;

public sealed class ResponseTimeoutTests
{
    [Fact]
    public async Task A_deadlocked_call_cycle_fails_with_a_timeout_instead_of_hanging()
    {
        await using var cluster = await Clusters.StartAsync(configure: silo => silo.WithResponseTimeout(TimeSpan.FromSeconds(2)));
        var grain = cluster.GrainFactory.GetGrain<IConcurrencyGrain>("deadlock-a");

        var cycle = () => grain.CallCycleAsync("deadlock-b", interleavingCallBack: false);

        await cycle.Should().ThrowAsync<TimeoutException>();
        // Once the timeouts broke the cycle the grain serves again (within a few response timeouts).
        (await RetryOnTimeoutAsync(grain.CounterAsync, TimeSpan.FromSeconds(20))).Should().Be(0);
    }

    [Fact]
    public async Task A_call_that_never_answers_times_out()
    {
        await using var cluster = await Clusters.StartAsync(configure: silo => silo.WithResponseTimeout(TimeSpan.FromMilliseconds(300)));
        var grain = cluster.GrainFactory.GetGrain<IEchoGrain>("silent");
        var started = DateTime.UtcNow;

        var call = () => grain.NeverAnswersAsync();

        (await call.Should().ThrowAsync<TimeoutException>()).WithMessage("*NeverAnswersAsync*");
        (DateTime.UtcNow - started).Should().BeLessThan(TimeSpan.FromSeconds(10), "it fails, it does not hang");
    }

    [Fact]
    public async Task Requests_whose_callers_gave_up_are_not_run_later()
    {
        await using var cluster = await Clusters.StartAsync(configure: silo => silo.WithResponseTimeout(TimeSpan.FromMilliseconds(300)));
        var grain = cluster.GrainFactory.GetGrain<IConcurrencyGrain>("gave-up");

        var slow = grain.AppendAsync(0, 1_000);
        var queued = Enumerable.Range(1, 5).Select(i => grain.AppendAsync(i, 0)).ToArray();
        foreach (var call in queued) await FluentActions.Awaiting(() => call).Should().ThrowAsync<TimeoutException>();
        await FluentActions.Awaiting(() => slow).Should().ThrowAsync<TimeoutException>();
        await Task.Delay(900);

        (await grain.ValuesAsync()).Should().Equal(0);
    }

    private static async Task<T> RetryOnTimeoutAsync<T>(Func<Task<T>> call, TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        while (true)
        {
            try
            {
                return await call();
            }
            catch (TimeoutException) when (DateTime.UtcNow < deadline)
            {
            }
        }
    }
}
