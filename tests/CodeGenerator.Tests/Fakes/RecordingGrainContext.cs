namespace Commerce.Runtime.CodeGenerator.Tests.Fakes;

/// <summary>A grain context that hands out in-memory states and the given services, and records what was asked for.</summary>
internal sealed class RecordingGrainContext(IReadOnlyDictionary<Type, object> services) : IGrainContext
{
    public List<(Type StateType, string StateName, string? StorageName)> StatesRequested { get; } = [];

    public GrainId GrainId { get; } = GrainId.Create(new GrainType("test"), "key");

    public object? GrainInstance => null;

    public IGrainFactory GrainFactory => throw new NotSupportedException();

    public IServiceProvider ActivationServices => throw new NotSupportedException();

    public void Deactivate(DeactivationReason reason) => throw new NotSupportedException();

    public void DelayDeactivation(TimeSpan duration) => throw new NotSupportedException();

    public IGrainTimer RegisterTimer(Func<object?, CancellationToken, Task> callback, object? state, GrainTimerCreationOptions options) =>
        throw new NotSupportedException();

    public IPersistentState<TState> GetPersistentState<TState>(string stateName, string? storageName)
    {
        StatesRequested.Add((typeof(TState), stateName, storageName));
        return new InMemoryPersistentState<TState>(Activator.CreateInstance<TState>());
    }

    public object GetRequiredService(Type serviceType) => services[serviceType];
}
