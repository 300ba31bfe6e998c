using Commerce.Runtime;

namespace Commerce.Runtime.Tests.Grains;

public sealed class CartState
{
    public List<string> Items { get; set; } = [];

    public int Version { get; set; }
}

public interface IStatefulGrain : IGrainWithStringKey
{
    Task AddAsync(string item, bool persist);

    Task<IReadOnlyList<string>> ItemsAsync();

    Task<string?> EtagAsync();

    Task ClearAsync();

    Task DeactivateAsync();

    Task<Guid> InstanceAsync();
}

public sealed class StatefulGrain([PersistentState("cart")] IPersistentState<CartState> state) : Grain, IStatefulGrain
{
    private readonly Guid _instance = Guid.NewGuid();

    public async Task AddAsync(string item, bool persist)
    {
        state.State.Items.Add(item);
        state.State.Version++;
        if (persist) await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<string>> ItemsAsync() => Task.FromResult<IReadOnlyList<string>>(state.State.Items.ToArray());

    public Task<string?> EtagAsync() => Task.FromResult(state.Etag);

    public Task ClearAsync() => state.ClearStateAsync();

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public Task<Guid> InstanceAsync() => Task.FromResult(_instance);
}

public interface ITimerGrain : IGrainWithStringKey
{
    Task StartAsync(int periodMilliseconds, int tickMilliseconds, bool keepAlive);

    Task StopAsync();

    Task<TimerReport> ReportAsync();

    /// <summary>A request that holds the activation for a while, to see ticks wait for it.</summary>
    Task BusyAsync(int milliseconds);
}

public sealed record TimerReport(int Ticks, int MaxConcurrentTicks, bool AllOnActivation, int TicksDuringBusy);

public sealed class TimerGrain(Probe probe) : Grain, ITimerGrain
{
    private IGrainTimer? _timer;
    private int _ticks;
    private int _inside;
    private int _max;
    private bool _allOnActivation = true;
    private bool _busy;
    private int _ticksDuringBusy;
    private int _tickMilliseconds;

    public Task StartAsync(int periodMilliseconds, int tickMilliseconds, bool keepAlive)
    {
        _tickMilliseconds = tickMilliseconds;
        _timer = RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions(TimeSpan.Zero, TimeSpan.FromMilliseconds(periodMilliseconds)) { KeepAlive = keepAlive });
        return Task.CompletedTask;
    }

    public Task StopAsync()
    {
        _timer?.Dispose();
        return Task.CompletedTask;
    }

    public Task<TimerReport> ReportAsync() => Task.FromResult(new TimerReport(_ticks, _max, _allOnActivation, _ticksDuringBusy));

    public async Task BusyAsync(int milliseconds)
    {
        _busy = true;
        await Task.Delay(milliseconds);
        _busy = false;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        probe.Record($"timer deactivated {GetPrimaryKeyString()} {reason.Code}");
        return Task.CompletedTask;
    }

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        _inside++;
        _max = Math.Max(_max, _inside);
        if (_busy) _ticksDuringBusy++;
        _allOnActivation &= ReferenceEquals(RuntimeContext.Current, GrainContext);
        await Task.Delay(_tickMilliseconds, CancellationToken.None);
        _allOnActivation &= ReferenceEquals(RuntimeContext.Current, GrainContext);
        _ticks++;
        _inside--;
    }
}

public interface IFailingActivationGrain : IGrainWithStringKey
{
    Task<int> AttemptAsync();
}

/// <summary>Fails its first activation, succeeds afterwards.</summary>
public sealed class FailingActivationGrain(Probe probe) : Grain, IFailingActivationGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        probe.Record("activation attempt");
        if (probe.Count("activation attempt") == 1) throw new ProbeException("first activation fails");
        return Task.CompletedTask;
    }

    public Task<int> AttemptAsync() => Task.FromResult(probe.Count("activation attempt"));
}
