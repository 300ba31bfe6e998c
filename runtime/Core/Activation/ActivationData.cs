using System.Diagnostics;
using Commerce.Runtime.Registry;
using Commerce.Runtime.Scheduling;
using Commerce.Runtime.Storage;
using Commerce.Runtime.Timers;
using Microsoft.Extensions.Logging;

namespace Commerce.Runtime.Activation;

/// <summary>
/// One activation of a grain: the grain instance, its queues and its turn-based scheduler.
/// <para>
/// The activation is its own <see cref="SynchronizationContext"/> and its own thread-pool work item:
/// while one of its turns runs, <c>await</c> in grain code posts the continuation back here, so a
/// grain's code never runs on two threads at once and needs no locks. Requests wait in the inbox
/// until the reentrancy rules admit them (see <see cref="CanAdmit"/>); continuations of admitted
/// work go to the ready queue and always run.
/// </para>
/// </summary>
internal sealed class ActivationData : SynchronizationContext, IThreadPoolWorkItem, IGrainContext, IMessageTarget, IRequestExecutor
{
    private static readonly SendOrPostCallback ActivateCallback = static state => ((ActivationData)state!).RunActivation();
    private static readonly SendOrPostCallback DeactivateCallback = static state => ((ActivationData)state!).RunDeactivation();

    private readonly GrainRuntime _runtime;
    private readonly GrainClassInfo _class;
    private readonly StatelessWorkerGroup? _group;
    private object? _grain;
    private ActivationState _state = ActivationState.Activating;
    private RingQueue<WorkItem> _ready;
    private RingQueue<object> _inbox;

    // The activation's own start-up counts as a running writer, so nothing is admitted before it.
    private int _running = 1;
    private int _runningWriters = 1;
    private bool _scheduled;
    private bool _deactivationStarted;
    private long _lastActive = Environment.TickCount64;
    private long _keepAliveUntil;
    private DeactivationReason _deactivationReason;
    private List<GrainTimer>? _timers;
    private List<IPersistentStateLoader>? _states;
    private TaskCompletionSource? _deactivated;

    public ActivationData(GrainRuntime runtime, GrainClassInfo grainClass, GrainId grainId, StatelessWorkerGroup? group = null)
    {
        _runtime = runtime;
        _class = grainClass;
        _group = group;
        GrainId = grainId;
        _ready.Enqueue(new WorkItem(ActivateCallback, this));
    }

    public GrainId GrainId { get; }

    public object? GrainInstance => _grain;

    public IGrainFactory GrainFactory => _runtime.GrainFactory;

    public IServiceProvider ActivationServices => _runtime.Services;

    internal GrainClassInfo GrainClass => _class;

    /// <summary>Requests waiting or running: the load a stateless worker group balances on.</summary>
    internal int Load
    {
        get { lock (this) return _inbox.Count + _running; }
    }

    internal int QueueLength
    {
        get { lock (this) return _inbox.Count; }
    }

    internal bool IsValid
    {
        get { lock (this) return _state == ActivationState.Valid; }
    }

    // ---- arrivals ----

    public bool TryEnqueue(Request request)
    {
        bool schedule;
        lock (this)
        {
            if (_state == ActivationState.Invalid) return false;
            if (_state == ActivationState.Valid && CanBypassInbox(request))
            {
                Admit(request);
                _ready.Enqueue(new WorkItem(null, request));
            }
            else
            {
                _inbox.Enqueue(request);
            }

            schedule = !_scheduled;
            _scheduled = true;
        }

        if (schedule) Schedule();
        return true;
    }

    internal void EnqueueTimerTick(GrainTimer timer)
    {
        bool schedule;
        lock (this)
        {
            if (_state is ActivationState.Deactivating or ActivationState.Invalid) return;
            if (timer.Interleave && _state == ActivationState.Valid) _ready.Enqueue(new WorkItem(null, timer));
            else _inbox.Enqueue(timer);
            schedule = !_scheduled;
            _scheduled = true;
        }

        if (schedule) Schedule();
    }

    public override void Post(SendOrPostCallback callback, object? state)
    {
        bool schedule;
        lock (this)
        {
            _ready.Enqueue(new WorkItem(callback, state));
            schedule = !_scheduled;
            _scheduled = true;
        }

        if (schedule) Schedule();
    }

    public override void Send(SendOrPostCallback callback, object? state) =>
        throw new NotSupportedException("Grain code cannot block on its own activation's scheduler.");

    public override SynchronizationContext CreateCopy() => this;

    // ---- admission: the reentrancy rules ----

    private bool CanBypassInbox(Request request) =>
        (request.Options & RequestOptions.AlwaysInterleave) != 0 || (_inbox.Count == 0 && CanAdmit(request));

    /// <summary>
    /// Whether queued work may start now: anything when nothing runs; on a [Reentrant] grain, anything;
    /// an [AlwaysInterleave] request, always; a [ReadOnly] request, when only read-only work runs.
    /// </summary>
    private bool CanAdmit(object work)
    {
        if (_running == 0 || _class.IsReentrant) return true;
        if (work is not Request request) return false;
        var options = request.Options;
        return (options & RequestOptions.AlwaysInterleave) != 0
            || ((options & RequestOptions.ReadOnly) != 0 && _runningWriters == 0);
    }

    private static bool IsWriter(object work) =>
        work is not Request request || (request.Options & (RequestOptions.ReadOnly | RequestOptions.AlwaysInterleave)) == 0;

    private void Admit(object work)
    {
        _running++;
        if (IsWriter(work)) _runningWriters++;
    }

    // ---- the scheduler ----

    private void Schedule()
    {
        if (!ReaderBatch.TryRunInline(this)) ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: true);
    }

    public void Execute()
    {
        var previousContext = Current;
        SetSynchronizationContext(this);
        RuntimeContext.Current = this;
        try
        {
            for (var budget = _runtime.TurnBudget; budget > 0; budget--)
            {
                WorkItem item;
                lock (this)
                {
                    if (!TryTakeWork(out item))
                    {
                        _scheduled = false;
                        return;
                    }
                }

                Run(item);
            }

            // Budget spent: let other activations have the thread, and come back.
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
        finally
        {
            RequestContext.Restore(null);
            RuntimeContext.Current = null;
            SetSynchronizationContext(previousContext);
        }
    }

    private bool TryTakeWork(out WorkItem item)
    {
        if (_ready.Count > 0)
        {
            item = _ready.Dequeue();
            return true;
        }

        while (_inbox.Count > 0 && _state == ActivationState.Valid)
        {
            var head = _inbox.Peek();
            if (head is Request { IsSettled: true })
            {
                // Its caller gave up (timeout): running it now would only repeat work nobody waits for.
                _inbox.Dequeue();
                continue;
            }

            if (!CanAdmit(head)) break;
            _inbox.Dequeue();
            Admit(head);
            item = new WorkItem(null, head);
            return true;
        }

        if (_state == ActivationState.Deactivating && _running == 0 && !_deactivationStarted)
        {
            _deactivationStarted = true;
            _running = _runningWriters = 1;
            item = new WorkItem(DeactivateCallback, this);
            return true;
        }

        item = default;
        return false;
    }

    private void Run(WorkItem item)
    {
        try
        {
            if (item.Callback is { } callback) callback(item.State);
            else if (item.State is Request request) StartRequest(request);
            else ((GrainTimer)item.State!).RunTick();
        }
        catch (Exception exception)
        {
            // Continuations of async methods never throw; a delegate posted by hand might.
            _runtime.Logger.LogError(exception, "Unhandled exception in a turn of {Grain}", GrainId);
        }
    }

    // ---- requests ----

    private void StartRequest(Request request)
    {
        if (request.IsSettled)
        {
            OnWorkDone(IsWriter(request), keepAlive: false);
            return;
        }

        RequestContext.Restore(request.ContextData);
        request.Executor = this;
        if (_runtime.Metrics.MeasuresCalls) request.StartedAt = Stopwatch.GetTimestamp();
        var completed = _runtime.IncomingFilters.Length == 0 && !_class.FiltersOwnCalls
            ? request.Execute(_grain!)
            : StartThroughFilters(request);
        if (completed) OnExecuted(request);
    }

    private bool StartThroughFilters(Request request)
    {
        _ = InvokeThroughFiltersAsync(request);
        return false;
    }

    private async Task InvokeThroughFiltersAsync(Request request)
    {
        var context = new IncomingCallContext(request, _grain!, _runtime.IncomingFilters, _class.FiltersOwnCalls);
        try
        {
            await context.Invoke();
            request.TrySetBoxedResult(context.Result);
        }
        catch (Exception exception)
        {
            request.TrySetException(exception);
        }

        OnExecuted(request);
    }

    /// <summary>Called once per request when its response is settled, on whatever thread settled it.</summary>
    public void OnExecuted(Request request)
    {
        if (request.StartedAt != 0)
        {
            var elapsed = Stopwatch.GetElapsedTime(request.StartedAt);
            _runtime.Metrics.CallCompleted(_class.GrainType, elapsed.TotalMilliseconds, request.Failed);
        }

        OnWorkDone(IsWriter(request), keepAlive: true);
    }

    internal void OnTimerTickDone(GrainTimer timer)
    {
        if (timer.Interleave)
        {
            if (timer.KeepAlive) Volatile.Write(ref _lastActive, Environment.TickCount64);
            return;
        }

        OnWorkDone(writer: true, keepAlive: timer.KeepAlive);
    }

    private void OnWorkDone(bool writer, bool keepAlive)
    {
        bool schedule;
        lock (this)
        {
            _running--;
            if (writer) _runningWriters--;
            if (keepAlive) _lastActive = Environment.TickCount64;
            schedule = !_scheduled && (_inbox.Count > 0 || _state == ActivationState.Deactivating);
            if (schedule) _scheduled = true;
        }

        if (schedule) Schedule();
    }

    // ---- lifecycle ----

    // async void: runs as the activation's first turn; every exception is handled inside.
    private async void RunActivation()
    {
        try
        {
            _runtime.Metrics.ActivationCreated(_class.GrainType);
            _grain = _class.Factory(this);
            if (_states is not null)
            {
                foreach (var state in _states) await state.ReadStateAsync(CancellationToken.None);
            }

            if (_grain is Grain grain) await grain.OnActivateAsync(CancellationToken.None);
        }
        catch (Exception exception)
        {
            _runtime.Logger.LogWarning(exception, "Activation of {Grain} failed", GrainId);
            FailActivation(exception);
            return;
        }

        lock (this)
        {
            // A deactivation requested during start-up already moved the state on; keep it.
            if (_state == ActivationState.Activating) _state = ActivationState.Valid;
        }

        OnWorkDone(writer: true, keepAlive: true);
    }

    private void FailActivation(Exception exception)
    {
        StopTimers();
        RemoveFromDirectory();
        foreach (var work in TakeInboxAndInvalidate())
        {
            if (work is Request request) request.TrySetException(exception);
        }
    }

    public void Deactivate(DeactivationReason reason)
    {
        bool schedule = false;
        lock (this)
        {
            if (_state is ActivationState.Activating or ActivationState.Valid)
            {
                _state = ActivationState.Deactivating;
                _deactivationReason = reason;
                schedule = !_scheduled;
                _scheduled = true;
            }
        }

        if (schedule) Schedule();
    }

    /// <summary>Deactivates and completes once the activation is gone.</summary>
    internal Task DeactivateAsync(DeactivationReason reason)
    {
        Task completion;
        lock (this)
        {
            if (_state == ActivationState.Invalid) return Task.CompletedTask;
            _deactivated ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            completion = _deactivated.Task;
        }

        Deactivate(reason);
        return completion;
    }

    // async void: runs as the activation's last turn; every exception is handled inside.
    private async void RunDeactivation()
    {
        StopTimers();
        try
        {
            if (_grain is Grain grain)
            {
                using var cancellation = new CancellationTokenSource(_runtime.DeactivationTimeout);
                await grain.OnDeactivateAsync(_deactivationReason, cancellation.Token).WaitAsync(_runtime.DeactivationTimeout);
            }
        }
        catch (Exception exception)
        {
            _runtime.Logger.LogWarning(exception, "OnDeactivateAsync of {Grain} failed ({Reason})", GrainId, _deactivationReason);
        }

        RemoveFromDirectory();
        foreach (var work in TakeInboxAndInvalidate())
        {
            // Requests that arrived while the activation was leaving go to its successor.
            if (work is Request request) _runtime.Dispatcher.Reroute(request);
        }
    }

    /// <summary>
    /// Drops an activation that would not deactivate in time (a request that never completes):
    /// no OnDeactivateAsync; requests still queued fail so their callers can retry elsewhere.
    /// </summary>
    internal void Abandon(string why)
    {
        StopTimers();
        RemoveFromDirectory();
        foreach (var work in TakeInboxAndInvalidate())
        {
            if (work is Request request) request.TrySetException(new SiloUnavailableException($"{GrainId} was abandoned: {why}"));
        }
    }

    private void RemoveFromDirectory()
    {
        if (_group is not null) _group.Remove(this);
        else _runtime.Catalog.Remove(GrainId, this);
    }

    private List<object> TakeInboxAndInvalidate()
    {
        var pending = new List<object>();
        TaskCompletionSource? deactivated;
        lock (this)
        {
            _state = ActivationState.Invalid;
            _running = _runningWriters = 0;
            while (_inbox.Count > 0) pending.Add(_inbox.Dequeue());
            deactivated = _deactivated;
        }

        deactivated?.TrySetResult();
        return pending;
    }

    public void DelayDeactivation(TimeSpan duration)
    {
        var until = duration >= TimeSpan.FromDays(365 * 100)
            ? long.MaxValue
            : Environment.TickCount64 + (long)duration.TotalMilliseconds;
        Volatile.Write(ref _keepAliveUntil, until);
    }

    /// <summary>Whether the idle collector should deactivate this activation; trims idle buffers as it looks.</summary>
    internal bool IsIdleLongerThan(long now, long ageMilliseconds)
    {
        lock (this)
        {
            if (_state != ActivationState.Valid || _running != 0 || _inbox.Count != 0 || _ready.Count != 0) return false;
            _ready.TrimIfEmpty();
            _inbox.TrimIfEmpty();
            return now - _lastActive >= ageMilliseconds && now >= _keepAliveUntil;
        }
    }

    // ---- timers, state and services for the grain ----

    public IGrainTimer RegisterTimer(Func<object?, CancellationToken, Task> callback, object? state, GrainTimerCreationOptions options)
    {
        var timer = new GrainTimer(this, callback, state, options, _runtime.Logger);
        lock (this) (_timers ??= []).Add(timer);
        timer.Start();
        return timer;
    }

    internal void RemoveTimer(GrainTimer timer)
    {
        lock (this) _timers?.Remove(timer);
    }

    private void StopTimers()
    {
        GrainTimer[] timers;
        lock (this)
        {
            if (_timers is null) return;
            timers = _timers.ToArray();
            _timers = null;
        }

        foreach (var timer in timers) timer.Dispose();
    }

    public IPersistentState<TState> GetPersistentState<TState>(string stateName, string? storageName)
    {
        var state = new PersistentState<TState>(this, stateName, _runtime.GetStorage(storageName ?? StorageNames.Default));
        lock (this) (_states ??= []).Add(state);
        return state;
    }

    /// <summary>A write found newer state in storage: this activation is stale and must go.</summary>
    internal void OnInconsistentState(InconsistentStateException exception) =>
        Deactivate(new DeactivationReason(DeactivationReasonCode.ApplicationError, "A state write found newer state in storage.", exception));

    public object GetRequiredService(Type serviceType) =>
        _runtime.Services.GetService(serviceType)
        ?? throw new InvalidOperationException($"Grain class {_class.ClassType.Name} needs a {serviceType.FullName}, which is not registered in the silo's services.");

    public override string ToString() => $"activation of {GrainId}";
}
