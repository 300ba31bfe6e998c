namespace Commerce.Runtime;

/// <summary>
/// A stream of events of type <typeparamref name="T"/> addressed by (namespace, key), as in Orleans.
/// Getting one does no I/O. Producers call <see cref="OnNextAsync"/>: when it completes, a durable
/// provider has committed the event (at-least-once delivery follows); the in-memory provider has
/// handed it to the subscribers' silos (at-most-once).
/// </summary>
public interface IAsyncStream<T>
{
    StreamId StreamId { get; }

    /// <summary>The provider this stream belongs to, e.g. <see cref="StreamProviderNames.Durable"/>.</summary>
    string ProviderName { get; }

    Task OnNextAsync(T item, CancellationToken cancellationToken = default);

    /// <summary>Appends the events in order, as one batch.</summary>
    Task OnNextBatchAsync(IEnumerable<T> batch, CancellationToken cancellationToken = default);

    /// <summary>
    /// Subscribes the calling grain to the stream (only grains subscribe; clients produce). The
    /// subscription is kept in the stream's pub-sub state in grain storage: it survives the grain's
    /// deactivation, and events that arrive while the grain is inactive activate it. After
    /// reactivation the grain re-attaches its observer with <see cref="StreamSubscriptionHandle{T}.ResumeAsync"/>
    /// (from <see cref="GetAllSubscriptionHandles"/>), typically in <c>OnActivateAsync</c>; a grain
    /// class that itself implements <see cref="IAsyncObserver{T}"/> needs no resume: events reach it
    /// directly. On a stream the grain's class subscribes to implicitly
    /// (<see cref="ImplicitStreamSubscriptionAttribute"/>), this only attaches the observer.
    /// </summary>
    /// <param name="observer">Receives the events, one turn each.</param>
    /// <param name="from">Reserved for replay from a position; providers deliver new events only and
    /// replay is done on the log (<c>PostgresStreamLog.ReadAsync</c>). Must be null.</param>
    Task<StreamSubscriptionHandle<T>> SubscribeAsync(IAsyncObserver<T> observer, StreamSequenceToken? from = null);

    /// <summary>The calling grain's subscriptions to this stream.</summary>
    Task<IReadOnlyList<StreamSubscriptionHandle<T>>> GetAllSubscriptionHandles();
}
