using Commerce.GrainInterfaces.Behaviour;
using Orleans;
using Orleans.Runtime;
using Orleans.Streams;

namespace Commerce.Grains.Tests.Grains;

/// <summary>What <see cref="BehaviourRecorderGrain"/> received, in order.</summary>
public interface IBehaviourRecorderGrain : IGrainWithStringKey
{
    Task<List<BehaviourEvent>> GetEventsAsync();
}

/// <summary>
/// Receives the behaviour stream of its user (the grain key), as a personalization grain would: implicitly
/// subscribed to <see cref="BehaviourStreams.Namespace"/> on the <see cref="BehaviourStreams.Provider"/> provider,
/// it attaches its observer when it activates (an event on the stream activates it).
/// </summary>
[GrainType("test-behaviour-recorder")]
[ImplicitStreamSubscription(BehaviourStreams.Namespace)]
public sealed class BehaviourRecorderGrain : Grain, IBehaviourRecorderGrain
{
    private readonly List<BehaviourEvent> _events = [];

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var stream = this.GetStreamProvider(BehaviourStreams.Provider).GetStream<BehaviourEvent>(BehaviourStreams.For(this.GetPrimaryKeyString()));
        await stream.SubscribeAsync((behaviour, _) =>
        {
            _events.Add(behaviour);
            return Task.CompletedTask;
        });
        await base.OnActivateAsync(cancellationToken);
    }

    public Task<List<BehaviourEvent>> GetEventsAsync() => Task.FromResult(_events.ToList());
}
