using System.Collections.Concurrent;
using Commerce.GrainInterfaces.Streams;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.Streams;

namespace Commerce.Orders.Tests;

/// <summary>
/// A test fake of the broker behind the "durable" stream provider: records what grains publish, so tests can assert
/// on domain events, and can be made to fail (a broker outage). It only takes publications: subscribing is not supported.
/// </summary>
public sealed class RecordingStreamProvider : IStreamProvider
{
    private readonly ConcurrentQueue<(StreamId Stream, object Item)> _published = new();

    public string Name => StreamProviderNames.Durable;

    public bool IsRewindable => false;

    /// <summary>While true, publishing throws (a broker outage).</summary>
    public bool Failing { get; set; }

    public IAsyncStream<T> GetStream<T>(StreamId streamId) => new Stream<T>(this, streamId);

    public IReadOnlyList<T> Published<T>(string streamNamespace, string? key = null) =>
        _published.Where(p => p.Stream.GetNamespace() == streamNamespace && (key is null || p.Stream.GetKeyAsString() == key)).Select(p => p.Item).OfType<T>().ToArray();

    private static NotSupportedException OnlyRecords() => new("The recording broker only records what is published.");

    private sealed class Stream<T>(RecordingStreamProvider provider, StreamId id) : IAsyncStream<T>
    {
        public StreamId StreamId => id;

        public string ProviderName => provider.Name;

        public bool IsRewindable => false;

        public Task OnNextAsync(T item, StreamSequenceToken? token = null)
        {
            if (provider.Failing) throw new IOException("The stream is unavailable (test).");
            provider._published.Enqueue((id, item!));
            return Task.CompletedTask;
        }

        public async Task OnNextBatchAsync(IEnumerable<T> batch, StreamSequenceToken? token = null)
        {
            foreach (var item in batch) await OnNextAsync(item, token);
        }

        public Task OnErrorAsync(Exception ex) => throw OnlyRecords();

        public Task<StreamSubscriptionHandle<T>> SubscribeAsync(IAsyncObserver<T> observer) => throw OnlyRecords();

        public Task<StreamSubscriptionHandle<T>> SubscribeAsync(IAsyncObserver<T> observer, StreamSequenceToken? token, string? filterData = null) => throw OnlyRecords();

        public Task<StreamSubscriptionHandle<T>> SubscribeAsync(IAsyncBatchObserver<T> observer) => throw OnlyRecords();

        public Task<StreamSubscriptionHandle<T>> SubscribeAsync(IAsyncBatchObserver<T> observer, StreamSequenceToken? token) => throw OnlyRecords();

        public Task<IList<StreamSubscriptionHandle<T>>> GetAllSubscriptionHandles() => throw OnlyRecords();

        public bool Equals(IAsyncStream<T>? other) => other is not null && other.ProviderName == ProviderName && other.StreamId == id;

        public int CompareTo(IAsyncStream<T>? other) => other is null ? 1 : id.CompareTo(other.StreamId);
    }
}
