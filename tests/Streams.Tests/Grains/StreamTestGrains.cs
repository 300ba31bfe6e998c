using Commerce.GrainInterfaces.Behaviour;

namespace Commerce.Runtime.Streams.Tests.Grains;

/// <summary>The event the stream tests produce.</summary>
public sealed record Click(string User, int Number)
{
    /// <summary>A click number every consumer of the tests fails on.</summary>
    public const int Poison = -1;
}

public static class TestStreams
{
    /// <summary>Every event on (clicks, key) reaches <see cref="ClickCounterGrain"/> key.</summary>
    public const string Clicks = "clicks";

    /// <summary>Every event on (audit, key) reaches <see cref="ClickAuditGrain"/> key, which attaches its observer itself.</summary>
    public const string Audit = "audit";

    /// <summary>No implicit subscriber: explicit subscriptions only.</summary>
    public const string Feed = "feed";
}

public interface IClickCounterGrain : IGrainWithStringKey
{
    Task<List<int>> GetNumbersAsync();
}

/// <summary>An implicit subscriber that observes its events itself (the grain class implements IAsyncObserver).</summary>
[GrainType("test-click-counter")]
[ImplicitStreamSubscription(TestStreams.Clicks)]
public sealed class ClickCounterGrain : Grain, IClickCounterGrain, IAsyncObserver<Click>
{
    private readonly List<int> _numbers = [];

    public Task<List<int>> GetNumbersAsync() => Task.FromResult(_numbers.ToList());

    public Task OnNextAsync(Click item, StreamSequenceToken? token = null)
    {
        if (item.User != GetPrimaryKeyString()) throw new InvalidOperationException($"Event of {item.User} reached {GetPrimaryKeyString()}.");
        if (item.Number == Click.Poison) throw new InvalidOperationException("A poison click.");
        _numbers.Add(item.Number);
        return Task.CompletedTask;
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception exception) => Task.CompletedTask;
}

public interface IClickAuditGrain : IGrainWithStringKey
{
    Task<List<int>> GetNumbersAsync();
}

/// <summary>An implicit subscriber in the Orleans style: it attaches an observer in OnActivateAsync.</summary>
[GrainType("test-click-audit")]
[ImplicitStreamSubscription(TestStreams.Audit)]
public sealed class ClickAuditGrain : Grain, IClickAuditGrain
{
    private readonly List<int> _numbers = [];

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var stream = this.GetStreamProvider(StreamProviderNames.Durable).GetStream<Click>(StreamId.Create(TestStreams.Audit, GetPrimaryKeyString()));
        await stream.SubscribeAsync(new DelegateObserver<Click>(click => _numbers.Add(click.Number)));
    }

    public Task<List<int>> GetNumbersAsync() => Task.FromResult(_numbers.ToList());
}

public sealed class ExplicitSubscriberState
{
    public List<string> Streams { get; set; } = [];

    public List<int> Numbers { get; set; } = [];
}

public interface IExplicitSubscriberGrain : IGrainWithStringKey
{
    Task SubscribeAsync(string provider, string streamKey);

    Task UnsubscribeAllAsync();

    Task<List<int>> GetNumbersAsync();

    Task<int> CountHandlesAsync(string provider, string streamKey);

    Task DeactivateAsync();
}

/// <summary>An explicit subscriber to (feed, key) streams that resumes its subscriptions when it is reactivated.</summary>
[GrainType("test-explicit-subscriber")]
public sealed class ExplicitSubscriberGrain([PersistentState("subscriber")] IPersistentState<ExplicitSubscriberState> state) : Grain, IExplicitSubscriberGrain
{
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var entry in state.State.Streams)
        {
            var stream = StreamOf(entry);
            foreach (var handle in await stream.GetAllSubscriptionHandles()) await handle.ResumeAsync(Observer());
        }
    }

    public async Task SubscribeAsync(string provider, string streamKey)
    {
        var stream = this.GetStreamProvider(provider).GetStream<Click>(StreamId.Create(TestStreams.Feed, streamKey));
        await stream.SubscribeAsync(Observer());
        state.State.Streams.Add($"{provider}|{streamKey}");
        await state.WriteStateAsync();
    }

    public async Task UnsubscribeAllAsync()
    {
        foreach (var entry in state.State.Streams)
        {
            foreach (var handle in await StreamOf(entry).GetAllSubscriptionHandles()) await handle.UnsubscribeAsync();
        }
    }

    public Task<List<int>> GetNumbersAsync() => Task.FromResult(state.State.Numbers.ToList());

    public async Task<int> CountHandlesAsync(string provider, string streamKey) =>
        (await this.GetStreamProvider(provider).GetStream<Click>(StreamId.Create(TestStreams.Feed, streamKey)).GetAllSubscriptionHandles()).Count;

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    private IAsyncStream<Click> StreamOf(string entry)
    {
        var parts = entry.Split('|');
        return this.GetStreamProvider(parts[0]).GetStream<Click>(StreamId.Create(TestStreams.Feed, parts[1]));
    }

    private DelegateObserver<Click> Observer() => new(async click =>
    {
        state.State.Numbers.Add(click.Number);
        await state.WriteStateAsync();
    });
}

public interface IClickProducerGrain : IGrainWithStringKey
{
    /// <summary>Produces clicks <paramref name="first"/> .. first+count-1 of <paramref name="user"/> on (<paramref name="streamNamespace"/>, user).</summary>
    Task ProduceAsync(string provider, string streamNamespace, string user, int first, int count, bool asBatch);
}

[GrainType("test-click-producer")]
public sealed class ClickProducerGrain : Grain, IClickProducerGrain
{
    public async Task ProduceAsync(string provider, string streamNamespace, string user, int first, int count, bool asBatch)
    {
        var stream = this.GetStreamProvider(provider).GetStream<Click>(StreamId.Create(streamNamespace, user));
        var clicks = Enumerable.Range(first, count).Select(n => new Click(user, n));
        if (asBatch)
        {
            await stream.OnNextBatchAsync(clicks);
            return;
        }

        foreach (var click in clicks) await stream.OnNextAsync(click);
    }
}

/// <summary>An observer that runs a callback per event.</summary>
public sealed class DelegateObserver<T>(Func<T, Task> onNext) : IAsyncObserver<T>
{
    public DelegateObserver(Action<T> onNext)
        : this(item =>
        {
            onNext(item);
            return Task.CompletedTask;
        })
    {
    }

    public Task OnNextAsync(T item, StreamSequenceToken? token = null) => onNext(item);

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception exception) => Task.CompletedTask;
}

public interface IBehaviourProbeGrain : IGrainWithStringKey
{
    Task<List<BehaviourEvent>> GetEventsAsync();
}

/// <summary>Receives the behaviour stream of its user, as a personalization grain would.</summary>
[GrainType("test-behaviour-probe")]
[ImplicitStreamSubscription(BehaviourStreams.Namespace)]
public sealed class BehaviourProbeGrain : Grain, IBehaviourProbeGrain, IAsyncObserver<BehaviourEvent>
{
    private readonly List<BehaviourEvent> _events = [];

    public Task<List<BehaviourEvent>> GetEventsAsync() => Task.FromResult(_events.ToList());

    public Task OnNextAsync(BehaviourEvent item, StreamSequenceToken? token = null)
    {
        _events.Add(item);
        return Task.CompletedTask;
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception exception) => Task.CompletedTask;
}
