namespace Commerce.Runtime;

/// <summary>
/// The runtime's side of one activation, as the grain sees it. Grain code usually reaches it
/// through the <see cref="Grain"/> base class.
/// </summary>
public interface IGrainContext
{
    GrainId GrainId { get; }

    object? GrainInstance { get; }

    IGrainFactory GrainFactory { get; }

    IServiceProvider ActivationServices { get; }

    /// <summary>Deactivates the activation once its current requests have completed.</summary>
    void Deactivate(DeactivationReason reason);

    /// <summary>Keeps the activation from idle collection for at least this long.</summary>
    void DelayDeactivation(TimeSpan duration);

    IGrainTimer RegisterTimer(Func<object?, CancellationToken, Task> callback, object? state, GrainTimerCreationOptions options);

    /// <summary>The persistent state named <paramref name="stateName"/> in storage <paramref name="storageName"/> (the default storage when null).</summary>
    IPersistentState<TState> GetPersistentState<TState>(string stateName, string? storageName);

    /// <summary>Resolves a constructor dependency of the grain class; throws when it is not registered.</summary>
    object GetRequiredService(Type serviceType);
}
