using System.Diagnostics;

namespace Commerce.Runtime.Scheduling;

/// <summary>
/// The batch of frames a connection's reader is handling on the current thread. While it lasts, an
/// activation that a frame makes runnable (a request for an idle grain, the response a waiting grain
/// was awaiting) runs its turn right here instead of behind a thread-pool hop, the way an echo server
/// answers in its read loop: a cross-silo call then costs one wake-up per batch instead of one per
/// call. Turns started inside such a turn still go to the thread pool (no nesting), and the batch
/// stops running turns inline after <see cref="MaxInlineTurns"/> turns or <see cref="InlineBudget"/>,
/// so one connection's reader never keeps a long burst of work to itself. Writes queued during the
/// batch are flushed once, at its end, on the same thread (<see cref="TryDefer"/>).
/// </summary>
internal sealed class ReaderBatch
{
    public const int MaxInlineTurns = 1024;

    /// <summary>How many frames a reader handles between flushes of the writes its batch deferred.</summary>
    /// <remarks>
    /// Measured on the silo -> silo benchmark (2 cores): flushing only at the end of a batch left each
    /// side idle while the other worked through a whole batch (0.40x the echo); every 16 frames cost
    /// more in system calls than it gained; 64 did best (0.52-0.57x), 32 and 128 a little worse.
    /// </remarks>
    public const int FramesPerFlush = 64;

    /// <summary>How long a batch may spend in inline turns before the rest go to the thread pool.</summary>
    public static readonly TimeSpan InlineBudget = TimeSpan.FromMilliseconds(2);

    private static readonly long BudgetTicks = (long)(InlineBudget.TotalSeconds * Stopwatch.Frequency);

    [ThreadStatic] private static ReaderBatch? t_current;

    private readonly bool _runTurns;
    private readonly List<IDeferredFlush> _deferred = [];
    private int _inlineTurns;
    private long _deadline;

    /// <param name="runTurns">
    /// Whether turns made runnable by the batch run inline (<see cref="Networking.NetworkingOptions.RunTurnsOnReader"/>);
    /// deferred writes are batched either way.
    /// </param>
    public ReaderBatch(bool runTurns) => _runTurns = runTurns;

    /// <summary>Starts a batch on the current thread; <see cref="End"/> must follow on the same thread, before any await.</summary>
    public void Begin()
    {
        _inlineTurns = 0;
        _deadline = Stopwatch.GetTimestamp() + BudgetTicks;
        t_current = this;
    }

    /// <summary>Ends the batch and runs the writes it deferred, on this thread.</summary>
    public void End()
    {
        t_current = null;
        Flush();
    }

    /// <summary>
    /// Runs the writes deferred so far. A reader calls this every <see cref="FramesPerFlush"/> frames, so
    /// that the peer starts on the first answers while this side works through the rest.
    /// </summary>
    public void Flush()
    {
        // A flush that completes at once stops its writer, and the next write re-defers it: copy first.
        var count = _deferred.Count;
        for (var i = 0; i < count; i++) _deferred[i].Flush();
        _deferred.RemoveRange(0, count);
    }

    /// <summary>Defers <paramref name="flush"/> to the end of the current thread's batch; false when there is none.</summary>
    public static bool TryDefer(IDeferredFlush flush)
    {
        if (t_current is not { } batch) return false;
        batch._deferred.Add(flush);
        return true;
    }

    /// <summary>Runs <paramref name="work"/> now if the current thread is a reader inside a batch with budget left; false otherwise.</summary>
    public static bool TryRunInline(IThreadPoolWorkItem work)
    {
        var batch = t_current;
        if (batch is null || !batch._runTurns || RuntimeContext.Current is not null || !batch.TakeTurn()) return false;

        // A thread-pool work item starts from a clean execution context; the reader's must not pick up
        // whatever async locals grain code sets either.
        var context = ExecutionContext.Capture();
        try
        {
            work.Execute();
        }
        finally
        {
            if (context is not null) ExecutionContext.Restore(context);
        }

        return true;
    }

    private bool TakeTurn()
    {
        if (_inlineTurns >= MaxInlineTurns) return false;
        // Reading the clock every 16 turns keeps its cost off the common path.
        if ((_inlineTurns & 15) == 15 && Stopwatch.GetTimestamp() > _deadline)
        {
            _inlineTurns = MaxInlineTurns;
            return false;
        }

        _inlineTurns++;
        return true;
    }
}

/// <summary>A writer that a <see cref="ReaderBatch"/> starts at its end.</summary>
internal interface IDeferredFlush
{
    /// <summary>Writes what was queued; called once per deferral, and starts at most one write.</summary>
    void Flush();
}
