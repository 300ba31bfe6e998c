using Commerce.Runtime.Placement;
using Commerce.Runtime.Registry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Commerce.Runtime.Reminders;

/// <summary>
/// The reminder service of a silo. As <see cref="IReminderRegistry"/> it writes every change to the
/// reminder table first (durable before acknowledged) and then adjusts its own timers; as a hosted
/// service it keeps one <see cref="LocalReminder"/> per reminder of the grains this silo owns
/// (<see cref="IGrainOwnership"/>), loading them from the table at start, whenever ownership
/// changes, and every <see cref="ReminderOptions.RefreshPeriod"/>. A tick is a call of
/// <see cref="IRemindable.ReceiveReminder"/> through the grain factory, which activates the grain
/// when it is not active; a tick that fails or times out is logged and the reminder goes on.
/// </summary>
/// <remarks>
/// A reload's read of the table can begin before a local registration's write and end after it.
/// Local changes and reloads therefore take numbers from one counter, and a reload leaves alone
/// whatever changed here after its read began: reminders registered since, and reminders removed
/// since (remembered until a later reload has read past the removal). A stale read thus never drops
/// a fresh registration nor revives a fresh removal.
/// A registration made on a silo that does not own the grain (ownership moving) only writes the
/// table; the owner picks it up on its next reload.
/// <see cref="IGrainOwnership.IsLocallyOwned"/> is asked for every row on each reload, under this
/// service's lock, and before each tick: it must be cheap and must not block.
/// </remarks>
internal sealed partial class ReminderService(
    IReminderTable table,
    IGrainFactory grainFactory,
    IGrainOwnership ownership,
    GrainTypeRegistry registry,
    IOptions<ReminderOptions> options,
    TimeProvider time,
    ILogger<ReminderService> logger) : IReminderRegistry, IHostedService, IDisposable
{
    private readonly ReminderOptions _options = options.Value;
    private readonly Lock _gate = new();
    private readonly Dictionary<ReminderKey, LocalReminder> _local = new();
    private readonly Dictionary<ReminderKey, long> _removedAt = new();
    private readonly SemaphoreSlim _reloadRequested = new(0);
    private readonly CancellationTokenSource _stopping = new();
    private int _reloadPending;
    private long _changes;
    private ServiceState _state;
    private Task _refreshLoop = Task.CompletedTask;

    private enum ServiceState
    {
        /// <summary>Reminders are loaded (by registrations or the first reload) but do not tick yet.</summary>
        NotStarted,
        Running,
        Stopped,
    }

    // ---- IReminderRegistry ----

    public async Task<IGrainReminder> RegisterOrUpdateReminder(GrainId grainId, string reminderName, TimeSpan dueTime, TimeSpan period, CancellationToken cancellationToken = default)
    {
        ValidateName(reminderName);
        if (dueTime < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(dueTime), dueTime, "A reminder's due time must be zero or positive.");
        if (period < _options.MinimumPeriod)
            throw new ArgumentOutOfRangeException(nameof(period), period,
                $"A reminder's period must be at least {_options.MinimumPeriod} (ReminderOptions.MinimumPeriod). " +
                "For work more frequent than that use a grain timer (RegisterGrainTimer).");
        EnsureRemindable(grainId);

        var now = Now;
        if (dueTime.Ticks > DateTime.MaxValue.Ticks - now.Ticks)
            throw new ArgumentOutOfRangeException(nameof(dueTime), dueTime, "A reminder's due time must end before the end of the calendar.");

        // Whole milliseconds: what the PostgreSQL table stores, so a reminder ticks the same whether
        // this silo keeps the entry it wrote or another silo loads it from the table.
        var entry = new ReminderEntry(grainId, reminderName, WholeMilliseconds(now + dueTime), WholeMilliseconds(period), ETag: null);
        var stored = await table.ReadRowAsync(grainId, reminderName, cancellationToken).ConfigureAwait(false);
        var eTag = await table.UpsertRowAsync(entry with { ETag = stored?.ETag }, cancellationToken).ConfigureAwait(false)
            ?? throw new ReminderException($"Reminder '{reminderName}' of {grainId} was changed by another writer while it was being registered; retry.");

        entry = entry with { ETag = eTag };
        LogRegistered(logger, reminderName, grainId, entry.StartAt, entry.Period);
        Load(entry);
        return entry;
    }

    public async Task UnregisterReminder(GrainId grainId, IGrainReminder reminder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        if (reminder is not ReminderEntry { ETag: { } eTag } entry || entry.GrainId != grainId)
            throw new ArgumentException(
                $"Unregister a reminder with a handle that RegisterOrUpdateReminder, GetReminder or GetReminders returned for grain {grainId}.", nameof(reminder));

        if (!await table.RemoveRowAsync(grainId, entry.ReminderName, eTag, cancellationToken).ConfigureAwait(false)
            && await table.ReadRowAsync(grainId, entry.ReminderName, cancellationToken).ConfigureAwait(false) is { } stored)
        {
            throw new ReminderException(
                $"Reminder '{entry.ReminderName}' of {grainId} was updated after this handle was read (version {eTag}, now {stored.ETag}); " +
                "read it again with GetReminder and retry.");
        }

        LogUnregistered(logger, entry.ReminderName, grainId);
        Unload(new ReminderKey(grainId, entry.ReminderName));
    }

    public async Task<IGrainReminder?> GetReminder(GrainId grainId, string reminderName, CancellationToken cancellationToken = default)
    {
        ValidateName(reminderName);
        return await table.ReadRowAsync(grainId, reminderName, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<IGrainReminder>> GetReminders(GrainId grainId, CancellationToken cancellationToken = default) =>
        await table.ReadRowsAsync(grainId, cancellationToken).ConfigureAwait(false);

    private static void ValidateName(string reminderName)
    {
        if (string.IsNullOrWhiteSpace(reminderName))
            throw new ArgumentException("A reminder needs a name; it was null, empty or white space.", nameof(reminderName));
    }

    /// <summary>Refuses grain classes of this silo that could not receive the ticks. A grain type hosted elsewhere is not checked.</summary>
    private void EnsureRemindable(GrainId grainId)
    {
        if (grainId.IsDefault) throw new ArgumentException("A reminder needs the id of the grain it belongs to.", nameof(grainId));
        if (registry.TryGetClass(grainId.Type, out var grainClass) && !typeof(IRemindable).IsAssignableFrom(grainClass.ClassType))
            throw new ReminderException(
                $"Grain class {grainClass.ClassType.FullName} does not implement IRemindable, so grain {grainId} cannot have reminders. " +
                "Add IRemindable to its grain interface and implement ReceiveReminder.");
    }

    // ---- the local reminders ----

    /// <summary>Starts (or restarts, with its new schedule) the local reminder of a row this silo just wrote.</summary>
    private void Load(ReminderEntry entry)
    {
        var key = new ReminderKey(entry.GrainId, entry.ReminderName);
        lock (_gate)
        {
            var change = ++_changes;
            _removedAt.Remove(key);
            if (_state == ServiceState.Stopped) return;
            if (_local.Remove(key, out var previous)) previous.Stop();
            if (ownership.IsLocallyOwned(entry.GrainId)) Add(entry, change);
        }
    }

    /// <summary>Stops the local reminder of a row this silo just removed.</summary>
    private void Unload(ReminderKey key)
    {
        lock (_gate)
        {
            _removedAt[key] = ++_changes;
            if (_local.Remove(key, out var removed)) removed.Stop();
        }
    }

    /// <summary>Caller holds <see cref="_gate"/>.</summary>
    private void Add(ReminderEntry entry, long sequence)
    {
        var reminder = new LocalReminder(entry, sequence, time);
        _local[new ReminderKey(entry.GrainId, entry.ReminderName)] = reminder;
        if (_state == ServiceState.Running) reminder.Start(DeliverAsync);
    }

    /// <summary>Reads the table and brings the local reminders in line with the rows of the grains this silo owns.</summary>
    private async Task ReloadAsync(CancellationToken cancellationToken)
    {
        long snapshot;
        lock (_gate) snapshot = ++_changes;
        var rows = await table.ReadAllAsync(cancellationToken).ConfigureAwait(false);

        int started = 0, stopped = 0, owned;
        lock (_gate)
        {
            if (_state == ServiceState.Stopped) return;
            var ours = new Dictionary<ReminderKey, ReminderEntry>();
            foreach (var row in rows)
            {
                if (ownership.IsLocallyOwned(row.GrainId)) ours[new ReminderKey(row.GrainId, row.ReminderName)] = row;
            }

            foreach (var (key, local) in _local.ToArray())
            {
                if (local.Sequence > snapshot) continue;
                if (ours.TryGetValue(key, out var row) && row.ETag == local.Entry.ETag) continue;
                // Removed, rescheduled elsewhere, or no longer ours.
                local.Stop();
                _local.Remove(key);
                stopped++;
            }

            foreach (var (key, row) in ours)
            {
                if (_local.ContainsKey(key)) continue;
                if (_removedAt.TryGetValue(key, out var removedAt) && removedAt > snapshot) continue;
                Add(row, snapshot);
                started++;
            }

            foreach (var (key, removedAt) in _removedAt.ToArray())
            {
                if (removedAt <= snapshot) _removedAt.Remove(key);
            }

            owned = _local.Count;
        }

        if (started + stopped > 0) LogReloaded(logger, started, stopped, owned);
    }

    private async Task DeliverAsync(ReminderEntry entry, TickStatus status, CancellationToken stop)
    {
        // Between an ownership change and the reload it triggers, the new owner may already be
        // ticking this reminder: the old one stays quiet.
        if (!ownership.IsLocallyOwned(entry.GrainId))
        {
            LogSkippedNotOwned(logger, entry.ReminderName, entry.GrainId);
            return;
        }

        try
        {
            await grainFactory.GetGrain<IRemindable>(entry.GrainId)
                .ReceiveReminder(entry.ReminderName, status)
                .WaitAsync(stop)
                .ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            LogTickFailed(logger, exception, entry.ReminderName, entry.GrainId);
        }
    }

    // ---- hosting ----

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_options.MinimumPeriod < TimeSpan.FromMilliseconds(1))
            throw new ArgumentOutOfRangeException(nameof(options), _options.MinimumPeriod, "ReminderOptions.MinimumPeriod must be at least 1 ms.");
        if (_options.RefreshPeriod <= TimeSpan.Zero || _options.RefreshPeriod.TotalMilliseconds > int.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(options), _options.RefreshPeriod, "ReminderOptions.RefreshPeriod must be positive and at most 24 days.");

        // Registered at start, once the silo (which starts first) has registered its grain assemblies.
        ((IGrainCodeRegistry)registry).AddInterface(typeof(IRemindable), RemindableReference.Create, RemindableReference.CreateRequestFactories());
        ownership.OwnershipChanged += OnOwnershipChanged;

        // A table that cannot be read now must not keep the silo from serving: the refresh loop retries.
        await ReloadLoggingFailuresAsync(cancellationToken).ConfigureAwait(false);
        int count;
        lock (_gate)
        {
            _state = ServiceState.Running;
            foreach (var reminder in _local.Values) reminder.Start(DeliverAsync);
            count = _local.Count;
        }

        _refreshLoop = DetachedTask.Run(() => RefreshPeriodicallyAsync(_stopping.Token));

        LogStarted(logger, count);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // Null when already stopped: a host may stop twice, or dispose the service before stopping it.
        if (StopTicking() is not { } stopped) return;
        try
        {
            await Task.WhenAll(stopped.Select(r => r.Completion).Append(_refreshLoop)).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            LogStopAbandoned(logger);
        }
    }

    private void OnOwnershipChanged()
    {
        // Raised by membership, perhaps under its own lock, while reloads call IsLocallyOwned under
        // _gate: so no lock here, only a request. One already pending covers this change too.
        if (Interlocked.Exchange(ref _reloadPending, 1) == 0) _reloadRequested.Release();
    }

    private async Task RefreshPeriodicallyAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                // Reset only once the request was taken, so that one change makes at most one count.
                if (await _reloadRequested.WaitAsync(_options.RefreshPeriod, stop).ConfigureAwait(false)) Volatile.Write(ref _reloadPending, 0);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            await ReloadLoggingFailuresAsync(stop).ConfigureAwait(false);
        }
    }

    private async Task ReloadLoggingFailuresAsync(CancellationToken cancellationToken)
    {
        try
        {
            await ReloadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        catch (Exception exception)
        {
            LogReloadFailed(logger, exception, _options.RefreshPeriod);
        }
    }

    /// <summary>Stops every local reminder and the refresh loop; the reminders it stopped, or null if it had stopped already.</summary>
    private LocalReminder[]? StopTicking()
    {
        LocalReminder[] stopped;
        lock (_gate)
        {
            if (_state == ServiceState.Stopped) return null;
            _state = ServiceState.Stopped;
            stopped = _local.Values.ToArray();
            _local.Clear();
            _removedAt.Clear();
        }

        ownership.OwnershipChanged -= OnOwnershipChanged;
        _stopping.Cancel();
        foreach (var reminder in stopped) reminder.Stop();
        return stopped;
    }

    public void Dispose()
    {
        StopTicking();
        _stopping.Dispose();
        _reloadRequested.Dispose();
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    private static DateTime WholeMilliseconds(DateTime value) =>
        new(value.Ticks - value.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);

    private static TimeSpan WholeMilliseconds(TimeSpan value) =>
        TimeSpan.FromTicks(value.Ticks - value.Ticks % TimeSpan.TicksPerMillisecond);

    private readonly record struct ReminderKey(GrainId GrainId, string ReminderName);

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Reminder service started with {Count} reminders of grains this silo owns")]
    private static partial void LogStarted(ILogger logger, int count);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Registered reminder {Reminder} of {Grain}: first tick {StartAt:O}, every {Period}")]
    private static partial void LogRegistered(ILogger logger, string reminder, GrainId grain, DateTime startAt, TimeSpan period);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "Unregistered reminder {Reminder} of {Grain}")]
    private static partial void LogUnregistered(ILogger logger, string reminder, GrainId grain);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Reminders reloaded: {Started} started, {Stopped} stopped, {Owned} now ticking on this silo")]
    private static partial void LogReloaded(ILogger logger, int started, int stopped, int owned);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "Reading the reminder table failed; retrying in {RetryIn}")]
    private static partial void LogReloadFailed(ILogger logger, Exception exception, TimeSpan retryIn);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "A tick of reminder {Reminder} of {Grain} failed; the reminder goes on")]
    private static partial void LogTickFailed(ILogger logger, Exception exception, string reminder, GrainId grain);

    [LoggerMessage(EventId = 7, Level = LogLevel.Debug, Message = "Skipped a tick of reminder {Reminder} of {Grain}: this silo no longer owns the grain")]
    private static partial void LogSkippedNotOwned(ILogger logger, string reminder, GrainId grain);

    [LoggerMessage(EventId = 8, Level = LogLevel.Warning, Message = "Reminder service stopped before every reminder loop had ended")]
    private static partial void LogStopAbandoned(ILogger logger);
}
