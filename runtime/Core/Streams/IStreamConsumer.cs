namespace Commerce.Runtime.Streams;

/// <summary>
/// How the runtime hands a stream event to a consuming grain, whatever its class: the request runs
/// as a turn of the grain and calls the observer the grain attached (or the grain itself when its
/// class implements <see cref="IAsyncObserver{T}"/>). Grain code never sees this interface. It extends
/// <see cref="IAddressable"/>, not <see cref="IGrain"/>, so the generator leaves it alone: its
/// generated request would cast the grain to it, which no grain class implements.
/// </summary>
internal interface IStreamConsumer : IAddressable
{
    /// <summary>Delivers and completes when the observer has handled the event (durable providers).</summary>
    Task DeliverAsync(StreamDelivery delivery);

    /// <summary>Delivers without waiting for the observer (the in-memory provider, at-most-once).</summary>
    [OneWay]
    Task Notify(StreamDelivery delivery);
}
