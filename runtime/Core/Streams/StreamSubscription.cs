namespace Commerce.Runtime.Streams;

/// <summary>A grain's subscription to a stream, explicit (kept by the stream's pub-sub grain) or implicit.</summary>
internal sealed class StreamSubscription<T>(StreamRuntime runtime, string provider, StreamId streamId, Guid handleId) : StreamSubscriptionHandle<T>
{
    public override Guid HandleId { get; } = handleId;

    public override StreamId StreamId { get; } = streamId;

    public string Provider { get; } = provider;

    public override Task UnsubscribeAsync() => runtime.UnsubscribeAsync(this);

    public override Task<StreamSubscriptionHandle<T>> ResumeAsync(IAsyncObserver<T> observer, StreamSequenceToken? from = null)
    {
        if (from is not null) throw new NotSupportedException("Resuming from a position is not supported; replay a durable stream from its log.");
        return runtime.ResumeAsync(this, observer);
    }
}
