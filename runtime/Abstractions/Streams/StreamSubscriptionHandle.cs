namespace Commerce.Runtime;

/// <summary>One subscription to a stream; it lasts until <see cref="UnsubscribeAsync"/>.</summary>
public abstract class StreamSubscriptionHandle<T>
{
    public abstract Guid HandleId { get; }

    public abstract StreamId StreamId { get; }

    public abstract Task UnsubscribeAsync();

    /// <summary>Re-attaches an observer to this subscription, e.g. after the grain was reactivated.</summary>
    public abstract Task<StreamSubscriptionHandle<T>> ResumeAsync(IAsyncObserver<T> observer, StreamSequenceToken? from = null);
}
