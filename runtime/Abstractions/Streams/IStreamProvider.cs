namespace Commerce.Runtime;

/// <summary>A named stream provider (in-memory or durable), as in Orleans.</summary>
public interface IStreamProvider
{
    string Name { get; }

    /// <summary>Returns the stream at once; no I/O.</summary>
    IAsyncStream<T> GetStream<T>(StreamId streamId);
}
