using System.Collections.Concurrent;
using System.Threading.Tasks.Sources;
using Orleans.Runtime;

namespace Commerce.Postgres.Streams;

/// <summary>
/// One caller's append waiting in a partition's queue: a single event or an atomic batch of one
/// stream's events. It is also the awaitable the caller holds (a pooled
/// <see cref="IValueTaskSource{TResult}"/>), so an append allocates nothing of its own on the hot path.
/// Its result is the sequence of its first event; a batch's events follow contiguously.
/// </summary>
internal sealed class PendingAppend : IValueTaskSource<long>
{
    /// <summary>Enough for thousands of producers in flight; beyond it objects are left to the GC.</summary>
    private const int MaxPooled = 4096;

    private static readonly ConcurrentQueue<PendingAppend> s_pool = new();
    private static int s_pooled;

    // Continuations run on the thread pool: the flush that completes hundreds of appends at once
    // must not run the callers' code on its own thread before it can flush again.
    private ManualResetValueTaskSourceCore<long> _core = new() { RunContinuationsAsynchronously = true };

    public StreamId Stream { get; private set; }

    /// <summary>The stream's namespace as stored (empty when it has none).</summary>
    public string Namespace { get; private set; } = "";

    /// <summary>The stream's key as stored.</summary>
    public string Key { get; private set; } = "";

    public string EventType { get; private set; } = "";

    public ReadOnlyMemory<byte> Payload { get; private set; }

    /// <summary>Set for a batch append; then <see cref="EventType"/> and <see cref="Payload"/> are unused.</summary>
    public IReadOnlyList<StreamEventData>? Batch { get; private set; }

    public int EventCount => Batch?.Count ?? 1;

    public ValueTask<long> Task => new(this, _core.Version);

    public static PendingAppend ForEvent(StreamId stream, string @namespace, string key, string eventType, ReadOnlyMemory<byte> payload)
    {
        var append = Rent(stream, @namespace, key);
        append.EventType = eventType;
        append.Payload = payload;
        return append;
    }

    public static PendingAppend ForBatch(StreamId stream, string @namespace, string key, IReadOnlyList<StreamEventData> batch)
    {
        var append = Rent(stream, @namespace, key);
        append.Batch = batch;
        return append;
    }

    /// <summary>Completes the append. The object may be reused at once: read nothing of it afterwards.</summary>
    public void Succeed(long firstSequence) => _core.SetResult(firstSequence);

    /// <summary>Fails the append. The object may be reused at once: read nothing of it afterwards.</summary>
    public void Fail(Exception error) => _core.SetException(error);

    public long GetResult(short token)
    {
        try
        {
            return _core.GetResult(token);
        }
        finally
        {
            Return(this);
        }
    }

    public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);

    private static PendingAppend Rent(StreamId stream, string @namespace, string key)
    {
        if (s_pool.TryDequeue(out var append))
        {
            Interlocked.Decrement(ref s_pooled);
        }
        else
        {
            append = new PendingAppend();
        }
        append.Stream = stream;
        append.Namespace = @namespace;
        append.Key = key;
        return append;
    }

    private static void Return(PendingAppend append)
    {
        append._core.Reset();
        append.Stream = default;
        append.Namespace = "";
        append.Key = "";
        append.EventType = "";
        append.Payload = default;
        append.Batch = null;
        if (Interlocked.Increment(ref s_pooled) <= MaxPooled)
        {
            s_pool.Enqueue(append);
        }
        else
        {
            Interlocked.Decrement(ref s_pooled);
        }
    }
}
