using Commerce.Runtime.Hosting;
using Commerce.Runtime.Tests.Grains;
using FluentAssertions;
using Xunit;

namespace Commerce.Runtime.Tests;

public sealed class FilterTests
{
    [Fact]
    public async Task Incoming_filters_run_in_order_around_the_method_and_may_change_arguments_and_results()
    {
        var probe = new Probe();
        await using var cluster = await Clusters.StartAsync(probe, silo => silo
            .AddIncomingGrainCallFilter(new RecordingFilter(probe, "first"))
            .AddIncomingGrainCallFilter(new ArgumentRewritingFilter()));

        var greeting = await cluster.GrainFactory.GetGrain<IFilteredGrain>("f").GreetAsync("ann");

        greeting.Should().Be("HELLO ANN (REWRITTEN) [FIRST]");
        probe.Events.Should().Equal(
            "first before IFilteredGrain.GreetAsync on filtered/f",
            "grain filter GreetAsync",
            "first after");
    }

    [Fact]
    public async Task Outgoing_filters_see_every_call_and_the_result()
    {
        var probe = new Probe();
        await using var cluster = await Clusters.StartAsync(probe, silo => silo.AddOutgoingGrainCallFilter(new OutgoingRecorder(probe)));

        var echo = await cluster.GrainFactory.GetGrain<IEchoGrain>("out").EchoAsync("x");

        echo.Should().Be("x");
        probe.Events.Should().Contain("outgoing EchoAsync to echo/out returned x");
    }

    [Fact]
    public async Task An_exception_thrown_by_a_filter_reaches_the_caller()
    {
        await using var cluster = await Clusters.StartAsync(configure: silo => silo.AddIncomingGrainCallFilter(new RejectingFilter()));

        var call = () => cluster.GrainFactory.GetGrain<IEchoGrain>("rejected").EchoAsync("x");

        await call.Should().ThrowAsync<UnauthorizedAccessException>().WithMessage("no entry");
    }

    private sealed class RecordingFilter(Probe probe, string name) : IIncomingGrainCallFilter
    {
        public async Task Invoke(IIncomingGrainCallContext context)
        {
            probe.Record($"{name} before {context.InterfaceType.Name}.{context.MethodName} on {context.TargetId}");
            await context.Invoke();
            context.Result = $"{context.Result} [{name.ToUpperInvariant()}]";
            probe.Record($"{name} after");
        }
    }

    private sealed class ArgumentRewritingFilter : IIncomingGrainCallFilter
    {
        public Task Invoke(IIncomingGrainCallContext context)
        {
            if (context.Request.ArgumentCount == 1 && context.Request.GetArgument(0) is string text)
                context.Request.SetArgument(0, text + " (rewritten)");
            return context.Invoke();
        }
    }

    private sealed class OutgoingRecorder(Probe probe) : IOutgoingGrainCallFilter
    {
        public async Task Invoke(IOutgoingGrainCallContext context)
        {
            await context.Invoke();
            probe.Record($"outgoing {context.MethodName} to {context.TargetId} returned {context.Result}");
        }
    }

    private sealed class RejectingFilter : IIncomingGrainCallFilter
    {
        public Task Invoke(IIncomingGrainCallContext context) => throw new UnauthorizedAccessException("no entry");
    }
}
