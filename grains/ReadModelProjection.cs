using Microsoft.Extensions.Logging;

namespace Commerce.Grains;

/// <summary>
/// Keeps a grain's read-model row (admin listing, catalog entry, order queue row) in step with its state. The grain
/// writes its state first, then calls <see cref="PublishAsync"/>: a failed row write is logged, never fails the grain
/// call (the state change is durable and acknowledged), and is retried from a grain timer with doubling delays
/// (<see cref="ReadModelProjectionOptions"/>) until a write succeeds. Every attempt writes the row as the state is
/// then, so retries never write a stale row; the writes must be idempotent upserts of the latest row.
/// </summary>
/// <remarks>
/// Staleness across activations: the first failure stores <see cref="IProjectedState.ReadModelStale"/> with an extra
/// state write (only on the failure path; the grain's storage is not the read model, so it usually succeeds), and
/// the next activation writes the row again when the marker is set. Success clears the marker in memory only, so
/// the happy path costs no extra state write; the grain's next write stores it, and until then a reactivation
/// re-publishes the row once, which is harmless. Grains whose state can tell more (an order's unpublished
/// transitions) may ask for that re-publish themselves through <see cref="OnActivate"/>.
/// </remarks>
internal sealed class ReadModelProjection<TState> where TState : class, IProjectedState
{
    private readonly string _row;
    private readonly IPersistentState<TState> _state;
    private readonly Func<CancellationToken, Task> _writeLatestRow;
    private readonly Func<Func<CancellationToken, Task>, GrainTimerCreationOptions, IGrainTimer> _registerTimer;
    private readonly ReadModelProjectionOptions _options;
    private readonly ILogger _logger;
    private TimeSpan _nextDelay;
    private IGrainTimer? _retry;

    /// <param name="row">Names the row in logs, e.g. "catalog entry of product SKU-1".</param>
    /// <param name="state">The grain's state, holding the stale marker.</param>
    /// <param name="writeLatestRow">Upserts the row built from the grain's current state.</param>
    /// <param name="registerTimer">The grain's <c>RegisterGrainTimer</c>.</param>
    public ReadModelProjection(
        string row,
        IPersistentState<TState> state,
        Func<CancellationToken, Task> writeLatestRow,
        Func<Func<CancellationToken, Task>, GrainTimerCreationOptions, IGrainTimer> registerTimer,
        ReadModelProjectionOptions options,
        ILogger logger)
    {
        _row = row;
        _state = state;
        _writeLatestRow = writeLatestRow;
        _registerTimer = registerTimer;
        _options = options;
        _logger = logger;
        _nextDelay = options.InitialRetryDelay;
    }

    /// <summary>
    /// Call from <c>OnActivateAsync</c>: schedules a write of the row at once (as a turn after activation, so a slow
    /// read model never delays the activation) when the stored marker, or the grain (<paramref name="mayBeStale"/>),
    /// says the row may be behind.
    /// </summary>
    public void OnActivate(bool mayBeStale = false)
    {
        if (_state.State.ReadModelStale || mayBeStale) Schedule(TimeSpan.Zero);
    }

    /// <summary>Writes the row after a state change. Never throws: a failure is retried by a timer.</summary>
    public Task PublishAsync()
    {
        // A retry is already scheduled: it writes the row as it is then, and this call does not wait on a store that
        // just failed (a hanging database would otherwise make every call of the grain time out).
        return _retry is null ? TryWriteAsync(CancellationToken.None) : Task.CompletedTask;
    }

    private async Task TryWriteAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _writeLatestRow(cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            var delay = _nextDelay;
            _nextDelay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxRetryDelay.Ticks));
            _logger.LogWarning(ex, "Writing the {Row} failed; the state change is saved and the row is retried in {Delay}.", _row, delay);
            await RememberStaleAsync();
            Schedule(delay);
            return;
        }
        _nextDelay = _options.InitialRetryDelay;
        _retry?.Dispose();
        _retry = null;
        _state.State.ReadModelStale = false;
    }

    private async Task RememberStaleAsync()
    {
        if (_state.State.ReadModelStale) return;
        _state.State.ReadModelStale = true;
        try
        {
            await _state.WriteStateAsync();
        }
        catch (Exception ex)
        {
            // The timer still retries while this activation lives; only a reactivation misses the marker.
            _logger.LogWarning(ex, "Storing that the {Row} is stale failed.", _row);
        }
    }

    private void Schedule(TimeSpan delay)
    {
        // One single-tick timer, moved on after each failure; KeepAlive so idle collection does not end the retries.
        if (_retry is null) _retry = _registerTimer(TryWriteAsync, new GrainTimerCreationOptions(delay, Timeout.InfiniteTimeSpan) { KeepAlive = true });
        else _retry.Change(delay, Timeout.InfiniteTimeSpan);
    }
}
