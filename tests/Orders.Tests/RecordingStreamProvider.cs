using System.Collections.Concurrent;
using Commerce.Runtime;

namespace Commerce.Orders.Tests;

/// <summary>A "durable" stream provider that records what is published, so tests can assert on domain events.</summary>
public sealed class RecordingStreamProvider : IStreamProvider
{
    private readonly ConcurrentQueue<(StreamId Stream, object Item)> _published = new();

    public string Name => StreamProviderNames.Durable;

    /// <summary>While true, publishing throws (a broker outage).</summary>
    public bool Failing { get; set; }

    public IAsyncStream<T> GetStream<T>(StreamId streamId) => new Stream<T>(this, streamId);

    public IReadOnlyList<T> Published<T>(string streamNamespace, string? key = null) =>
        _published.Where(p => p.Stream.Namespace == streamNamespace && (key is null || p.Stream.Key == key)).Select(p => p.Item).OfType<T>().ToArray();

    private sealed class Stream<T>(RecordingStreamProvider provider, StreamId id) : IAsyncStream<T>
    {
        public StreamId StreamId => id;

        public string ProviderName => provider.Name;

        public Task OnNextAsync(T item, CancellationToken cancellationToken = default)
        {
            if (provider.Failing) throw new IOException("The stream is unavailable (test).");
            provider._published.Enqueue((id, item!));
            return Task.CompletedTask;
        }

        public async Task OnNextBatchAsync(IEnumerable<T> batch, CancellationToken cancellationToken = default)
        {
            foreach (var item in batch) await OnNextAsync(item, cancellationToken);
        }

        public Task<StreamSubscriptionHandle<T>> SubscribeAsync(IAsyncObserver<T> observer, StreamSequenceToken? from = null) =>
            throw new NotSupportedException("The recording provider only records.");

        public Task<IReadOnlyList<StreamSubscriptionHandle<T>>> GetAllSubscriptionHandles() =>
            Task.FromResult<IReadOnlyList<StreamSubscriptionHandle<T>>>([]);
    }
}
