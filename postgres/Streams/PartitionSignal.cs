namespace Commerce.Runtime.Postgres.Streams;

/// <summary>
/// Wakes the agent of one partition: set by the notification listener when an append to the
/// partition committed, awaited by the agent when it found the partition empty. Sets before a wait
/// are remembered (once), so a notification arriving between the agent's read and its wait is not
/// lost.
/// </summary>
internal sealed class PartitionSignal
{
    private readonly SemaphoreSlim _semaphore = new(0, 1);

    public void Set()
    {
        if (_semaphore.CurrentCount > 0) return;
        try
        {
            _semaphore.Release();
        }
        catch (SemaphoreFullException)
        {
            // Another notification set it in between: one wake-up covers both.
        }
    }

    /// <summary>Forgets a set signal: called before a read, which sees everything committed before it.</summary>
    public void Reset() => _semaphore.Wait(0);

    /// <summary>Returns when the signal is set (true, and resets it) or after <paramref name="timeout"/> (false).</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _semaphore.WaitAsync(timeout, cancellationToken);
}
