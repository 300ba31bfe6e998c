using Commerce.Runtime.Activation;
using Microsoft.Extensions.Logging;

namespace Commerce.Runtime.Timers;

/// <summary>
/// A grain timer. Each tick is queued to its activation and runs as a turn (or interleaved, when
/// asked); the next tick is scheduled only after the previous one completed, so ticks never overlap.
/// </summary>
internal sealed class GrainTimer : IGrainTimer
{
    private readonly ActivationData _owner;
    private readonly Func<object?, CancellationToken, Task> _callback;
    private readonly object? _state;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _cancellation = new();
    private readonly Timer _timer;
    private TimeSpan _dueTime;
    private TimeSpan _period;
    private volatile bool _disposed;

    public GrainTimer(ActivationData owner, Func<object?, CancellationToken, Task> callback, object? state, GrainTimerCreationOptions options, ILogger logger)
    {
        Validate(options.DueTime, options.Period);
        _owner = owner;
        _callback = callback;
        _state = state;
        _logger = logger;
        _dueTime = options.DueTime;
        _period = options.Period;
        Interleave = options.Interleave;
        KeepAlive = options.KeepAlive;
        _timer = new Timer(static timer => ((GrainTimer)timer!).OnDue(), this, Timeout.Infinite, Timeout.Infinite);
    }

    public bool Interleave { get; }

    public bool KeepAlive { get; }

    internal void Start() => _timer.Change(_dueTime, Timeout.InfiniteTimeSpan);

    public void Change(TimeSpan dueTime, TimeSpan period)
    {
        Validate(dueTime, period);
        ObjectDisposedException.ThrowIf(_disposed, this);
        _dueTime = dueTime;
        _period = period;
        _timer.Change(dueTime, Timeout.InfiniteTimeSpan);
    }

    private void OnDue()
    {
        if (!_disposed) _owner.EnqueueTimerTick(this);
    }

    /// <summary>Runs one tick on the owner's scheduler.</summary>
    internal void RunTick()
    {
        Task tick;
        try
        {
            tick = _disposed ? Task.CompletedTask : _callback(_state, _cancellation.Token);
        }
        catch (Exception exception)
        {
            tick = Task.FromException(exception);
        }

        if (tick.IsCompleted) OnTickCompleted(tick);
        else tick.ContinueWith(static (task, timer) => ((GrainTimer)timer!).OnTickCompleted(task), this, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private void OnTickCompleted(Task tick)
    {
        if (tick.IsFaulted) _logger.LogWarning(tick.Exception!.GetBaseException(), "A timer tick of {Grain} failed", _owner.GrainId);
        _owner.OnTimerTickDone(this);
        if (_disposed || _period == Timeout.InfiniteTimeSpan) return;
        try
        {
            _timer.Change(_period, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // Disposed concurrently: no next tick, as intended.
        }
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _cancellation.Cancel();
        _timer.Dispose();
        _owner.RemoveTimer(this);
    }

    private static void Validate(TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime < TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(nameof(dueTime), dueTime, "The due time must be zero or positive.");
        if (period <= TimeSpan.Zero && period != Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(nameof(period), period, "The period must be positive, or Timeout.InfiniteTimeSpan for a single tick.");
    }
}
