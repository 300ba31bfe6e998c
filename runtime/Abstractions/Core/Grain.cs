namespace Commerce.Runtime;

/// <summary>
/// The base class of grain classes. The runtime constructs grains inside their activation's first
/// turn, so the constructor may take services and <see cref="PersistentStateAttribute"/> states.
/// </summary>
public abstract class Grain
{
    protected Grain()
    {
        GrainContext = RuntimeContext.Current
            ?? throw new InvalidOperationException("Grains are created by the runtime when they are first called; use IGrainFactory.GetGrain instead of 'new'.");
    }

    public IGrainContext GrainContext { get; }

    public GrainId GrainId => GrainContext.GrainId;

    /// <summary>The grain's identity for logs, e.g. <c>product/sku-42</c>.</summary>
    public string IdentityString => GrainContext.GrainId.ToString();

    protected IGrainFactory GrainFactory => GrainContext.GrainFactory;

    protected IServiceProvider ServiceProvider => GrainContext.ActivationServices;

    public string GetPrimaryKeyString() => GrainContext.GrainId.Key;

    public Guid GetPrimaryKey() => GrainContext.GrainId.GetGuidKey();

    public long GetPrimaryKeyLong() => GrainContext.GrainId.GetIntegerKey();

    /// <summary>Runs before the first request, after persistent state was read.</summary>
    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs after the last request, before the activation is dropped. Not called if the process dies.</summary>
    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Deactivates this activation once its current requests complete; the next call activates it afresh.</summary>
    protected void DeactivateOnIdle() =>
        GrainContext.Deactivate(new DeactivationReason(DeactivationReasonCode.ApplicationRequested, "DeactivateOnIdle was called."));

    /// <summary>Keeps this activation from idle collection for at least <paramref name="duration"/>.</summary>
    protected void DelayDeactivation(TimeSpan duration) => GrainContext.DelayDeactivation(duration);

    /// <summary>
    /// Starts a timer whose ticks run as turns of this activation. A tick never overlaps the previous
    /// one: the period counts from the end of the previous tick. Disposing the timer stops it.
    /// </summary>
    protected IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, GrainTimerCreationOptions options)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return GrainContext.RegisterTimer(static (state, ct) => ((Func<CancellationToken, Task>)state!)(ct), callback, options);
    }

    /// <inheritdoc cref="RegisterGrainTimer(Func{CancellationToken, Task}, GrainTimerCreationOptions)"/>
    protected IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period) =>
        RegisterGrainTimer(callback, new GrainTimerCreationOptions(dueTime, period));

    /// <inheritdoc cref="RegisterGrainTimer(Func{CancellationToken, Task}, GrainTimerCreationOptions)"/>
    protected IGrainTimer RegisterGrainTimer<TState>(Func<TState, CancellationToken, Task> callback, TState state, GrainTimerCreationOptions options)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return GrainContext.RegisterTimer((_, ct) => callback(state, ct), null, options);
    }
}
