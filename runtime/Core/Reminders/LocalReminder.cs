namespace Commerce.Runtime.Reminders;

/// <summary>
/// A reminder this silo delivers: a loop that sleeps until each tick on the reminder's grid and
/// hands it to the reminder service. One per reminder of an owned grain; replaced, not mutated, when
/// the reminder's schedule changes.
/// </summary>
internal sealed class LocalReminder
{
    /// <summary>The longest wait a .NET timer takes (about 49.7 days); longer waits are taken in steps.</summary>
    private static readonly TimeSpan MaxTimerWait = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    private readonly CancellationTokenSource _stop = new();
    private readonly TimeProvider _time;
    private Task _completion = Task.CompletedTask;

    /// <param name="entry">The reminder as stored.</param>
    /// <param name="sequence">The reminder service's change number when this was loaded (see <see cref="ReminderService"/>).</param>
    /// <param name="time">The clock ticks are computed and awaited with.</param>
    public LocalReminder(ReminderEntry entry, long sequence, TimeProvider time)
    {
        Entry = entry;
        Sequence = sequence;
        _time = time;
    }

    public ReminderEntry Entry { get; }

    public long Sequence { get; }

    /// <summary>Completes once the loop has ended after <see cref="Stop"/>.</summary>
    public Task Completion => _completion;

    /// <summary>Starts the loop; <paramref name="deliver"/> delivers one tick and throws only when cancelled.</summary>
    public void Start(Func<ReminderEntry, TickStatus, CancellationToken, Task> deliver)
    {
        _completion = DetachedTask.Run(() => RunAsync(deliver));
    }

    /// <summary>No tick starts after this; a delivery in flight is no longer awaited.</summary>
    public void Stop() => _stop.Cancel();

    private DateTime Now => _time.GetUtcNow().UtcDateTime;

    private async Task RunAsync(Func<ReminderEntry, TickStatus, CancellationToken, Task> deliver)
    {
        var stop = _stop.Token;
        try
        {
            var tick = ReminderSchedule.FirstTick(Entry.StartAt, Now);
            while (true)
            {
                await WaitUntilAsync(tick, stop).ConfigureAwait(false);
                await deliver(Entry, new TickStatus(Entry.StartAt, Entry.Period, Now), stop).ConfigureAwait(false);
                tick = ReminderSchedule.NextTick(Entry.StartAt, Entry.Period, tick, Now);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopped: the normal end.
        }
    }

    private async Task WaitUntilAsync(DateTime tick, CancellationToken stop)
    {
        for (var wait = tick - Now; wait > TimeSpan.Zero; wait = tick - Now)
        {
            // Whole milliseconds, rounded up: a timer that wakes a fraction early would otherwise
            // leave a sub-millisecond remainder that Task.Delay treats as zero, and spin.
            var step = wait < MaxTimerWait ? TimeSpan.FromMilliseconds(Math.Ceiling(wait.TotalMilliseconds)) : MaxTimerWait;
            await Task.Delay(step, _time, stop).ConfigureAwait(false);
        }

        stop.ThrowIfCancellationRequested();
    }

    public override string ToString() => Entry.ToString();
}
