using Orleans.Streams;
using Orleans.Streams.Core;

namespace Commerce.Postgres.Streams.Tests.Grains;

/// <summary>The consumer of (clicks, key): activated by the first event of its stream.</summary>
public interface IClickCounterGrain : IGrainWithStringKey;

/// <summary>
/// An implicit subscriber that records each click it receives in the <see cref="DeliverySink"/> and
/// throws on <see cref="Click.Poison"/>, as a consumer with a bug would.
/// </summary>
[ImplicitStreamSubscription(TestStreams.Clicks)]
public sealed class ClickCounterGrain : Grain, IClickCounterGrain, IStreamSubscriptionObserver, IAsyncObserver<Click>
{
    public Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) => handleFactory.Create<Click>().ResumeAsync(this);

    public Task OnNextAsync(Click item, StreamSequenceToken? token = null)
    {
        if (item.User != this.GetPrimaryKeyString()) throw new InvalidOperationException($"A click of {item.User} reached {this.GetPrimaryKeyString()}.");
        if (item.Number == Click.Poison) throw new InvalidOperationException("A poison click.");
        DeliverySink.Record(item.User, new Delivery(item.Number, token?.SequenceNumber ?? -1, RuntimeIdentity));
        return Task.CompletedTask;
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;
}
