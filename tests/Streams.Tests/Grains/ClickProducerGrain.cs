using Orleans.Runtime;

namespace Commerce.Postgres.Streams.Tests.Grains;

public interface IClickProducerGrain : IGrainWithStringKey
{
    /// <summary>Produces clicks <paramref name="first"/> to first + count - 1 of <paramref name="user"/> on (<paramref name="streamNamespace"/>, user), one by one or as one batch.</summary>
    Task ProduceAsync(string streamNamespace, string user, int first, int count, bool asBatch);
}

/// <summary>Produces from inside the cluster, as application grains do.</summary>
public sealed class ClickProducerGrain : Grain, IClickProducerGrain
{
    public async Task ProduceAsync(string streamNamespace, string user, int first, int count, bool asBatch)
    {
        var stream = this.GetStreamProvider(TestStreams.Provider).GetStream<Click>(StreamId.Create(streamNamespace, user));
        var clicks = Enumerable.Range(first, count).Select(n => new Click(user, n)).ToList();
        if (asBatch)
        {
            await stream.OnNextBatchAsync(clicks);
            return;
        }
        foreach (var click in clicks) await stream.OnNextAsync(click);
    }
}
