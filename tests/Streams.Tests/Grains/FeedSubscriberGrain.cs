using Orleans.Runtime;
using Orleans.Streams;

namespace Commerce.Postgres.Streams.Tests.Grains;

public interface IFeedSubscriberGrain : IGrainWithStringKey
{
    /// <summary>Subscribes to (feed, <paramref name="feedKey"/>); what arrives is recorded in the <see cref="DeliverySink"/> under this grain's key.</summary>
    Task SubscribeAsync(string feedKey);
}

/// <summary>An explicit subscriber (Orleans' pub-sub keeps its subscription in <c>PubSubStore</c>).</summary>
public sealed class FeedSubscriberGrain : Grain, IFeedSubscriberGrain, IAsyncObserver<Click>
{
    public async Task SubscribeAsync(string feedKey)
    {
        var stream = this.GetStreamProvider(TestStreams.Provider).GetStream<Click>(StreamId.Create(TestStreams.Feed, feedKey));
        await stream.SubscribeAsync(this);
    }

    public Task OnNextAsync(Click item, StreamSequenceToken? token = null)
    {
        DeliverySink.Record(this.GetPrimaryKeyString(), new Delivery(item.Number, token?.SequenceNumber ?? -1, RuntimeIdentity));
        return Task.CompletedTask;
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;
}
