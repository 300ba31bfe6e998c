using Commerce.Runtime.Tests.Grains;
using FluentAssertions;
using Xunit;

namespace Commerce.Runtime.Tests;

public sealed class GrainCallTests
{
    [Fact]
    public async Task Getting_a_reference_does_not_activate_the_grain()
    {
        await using var cluster = await Clusters.StartAsync();
        var grain = cluster.GrainFactory.GetGrain<IEchoGrain>("never-called");

        grain.GetGrainId().Key.Should().Be("never-called");
        cluster.ActivationCount.Should().Be(0);
        await grain.TouchAsync();
        cluster.ActivationCount.Should().Be(1);
    }

    [Fact]
    public async Task An_interface_two_classes_implement_fails_only_when_looked_up_and_the_classes_still_work()
    {
        await using var cluster = await Clusters.StartAsync();

        (await cluster.GrainFactory.GetGrain<IEnglishGreetingGrain>("a").NameAsync()).Should().Be("english");
        FluentActions.Invoking(() => cluster.GrainFactory.GetGrain<ISharedGreeting>("a"))
            .Should().Throw<InvalidOperationException>().WithMessage("*implemented by several grain classes*");
    }

    [Fact]
    public async Task Calls_return_results_of_every_supported_return_type()
    {
        await using var cluster = await Clusters.StartAsync();
        var grain = cluster.GrainFactory.GetGrain<IEchoGrain>("a");

        (await grain.EchoAsync("hello")).Should().Be("hello");
        (await grain.AddAsync(2, 3)).Should().Be(5);
        await grain.TouchAsync();
    }

    [Fact]
    public async Task Each_key_kind_reaches_the_grain_with_that_key()
    {
        await using var cluster = await Clusters.StartAsync();
        var guid = Guid.NewGuid();

        (await cluster.GrainFactory.GetGrain<IEchoGrain>("sku-1").KeyAsync()).Should().Be("sku-1");
        (await cluster.GrainFactory.GetGrain<IGuidKeyGrain>(guid).KeyAsync()).Should().Be(guid);
        (await cluster.GrainFactory.GetGrain<IIntegerKeyGrain>(-42).KeyAsync()).Should().Be(-42);
    }

    [Fact]
    public async Task References_to_the_same_grain_are_equal_and_share_one_activation()
    {
        await using var cluster = await Clusters.StartAsync();
        var first = cluster.GrainFactory.GetGrain<IEchoGrain>("same");
        var second = cluster.GrainFactory.GetGrain<IEchoGrain>("same");

        first.Should().Be(second);
        (await first.InstanceAsync()).Should().Be(await second.InstanceAsync());
        (await cluster.GrainFactory.GetGrain<IEchoGrain>("other").InstanceAsync()).Should().NotBe(await first.InstanceAsync());
    }

    [Fact]
    public async Task An_exception_reaches_the_caller_with_its_type_and_message_and_the_grain_stays_usable()
    {
        await using var cluster = await Clusters.StartAsync();
        var grain = cluster.GrainFactory.GetGrain<IEchoGrain>("fails");

        var call = () => grain.FailAsync("out of stock");

        (await call.Should().ThrowAsync<ProbeException>()).WithMessage("out of stock");
        (await grain.EchoAsync("still here")).Should().Be("still here");
    }

    [Fact]
    public async Task Request_context_flows_to_the_callee_and_onwards()
    {
        await using var cluster = await Clusters.StartAsync();
        RequestContext.Set("correlation", "abc-123");
        try
        {
            (await cluster.GrainFactory.GetGrain<IEchoGrain>("ctx").ReadContextAsync("correlation")).Should().Be("abc-123");
            (await cluster.GrainFactory.GetGrain<IEchoGrain>("ctx").ReadContextThroughAsync("ctx-2", "correlation")).Should().Be("abc-123");
        }
        finally
        {
            RequestContext.Clear();
        }

        (await cluster.GrainFactory.GetGrain<IEchoGrain>("ctx").ReadContextAsync("correlation")).Should().BeNull();
    }

    [Fact]
    public async Task Ten_thousand_grains_answer_concurrent_calls_correctly()
    {
        await using var cluster = await Clusters.StartAsync();
        var calls = Enumerable.Range(0, 10_000)
            .Select(async i => (i, await cluster.GrainFactory.GetGrain<IEchoGrain>($"g{i}").KeyAsync()));

        var results = await Task.WhenAll(calls);

        results.Should().OnlyContain(r => r.Item2 == $"g{r.i}");
        cluster.ActivationCount.Should().Be(10_000);
    }

    [Fact]
    public async Task A_grain_interface_without_a_grain_class_fails_clearly()
    {
        await using var cluster = await Clusters.StartAsync();

        var getting = () => cluster.GrainFactory.GetGrain<IUnimplementedGrain>("x");

        getting.Should().Throw<InvalidOperationException>().WithMessage("*IUnimplementedGrain*");
    }
}

public interface IUnimplementedGrain : IGrainWithStringKey
{
    Task PingAsync();
}
