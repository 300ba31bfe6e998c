namespace Commerce.Runtime;

/// <summary>Receives the events of a stream, as in Orleans. Each call runs as a turn of the subscribing grain.</summary>
public interface IAsyncObserver<in T>
{
    /// <summary>One event. <paramref name="token"/> is its position in a durable stream, or null for the in-memory provider.</summary>
    Task OnNextAsync(T item, StreamSequenceToken? token = null);

    Task OnCompletedAsync();

    Task OnErrorAsync(Exception exception);
}
