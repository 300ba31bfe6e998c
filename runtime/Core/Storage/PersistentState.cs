using Commerce.Runtime.Activation;

namespace Commerce.Runtime.Storage;

/// <summary>
/// A grain's handle on one stored state: the value, its ETag, and read/write/clear through the
/// configured <see cref="IGrainStorage"/>. A write that meets newer state in storage deactivates
/// the activation, which is stale.
/// </summary>
internal sealed class PersistentState<TState>(ActivationData owner, string stateName, IGrainStorage storage)
    : IPersistentState<TState>, IGrainState<TState>, IPersistentStateLoader
{
    public TState State { get; set; } = CreateDefault();

    public string? ETag { get; set; }

    public string? Etag => ETag;

    public bool RecordExists { get; set; }

    public Task ReadStateAsync(CancellationToken cancellationToken = default) =>
        storage.ReadStateAsync(stateName, owner.GrainId, this, cancellationToken);

    public async Task WriteStateAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await storage.WriteStateAsync(stateName, owner.GrainId, this, cancellationToken);
        }
        catch (InconsistentStateException exception)
        {
            owner.OnInconsistentState(exception);
            throw;
        }
    }

    public async Task ClearStateAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await storage.ClearStateAsync(stateName, owner.GrainId, this, cancellationToken);
        }
        catch (InconsistentStateException exception)
        {
            owner.OnInconsistentState(exception);
            throw;
        }
    }

    internal static TState CreateDefault() =>
        typeof(TState).IsValueType || typeof(TState).GetConstructor(Type.EmptyTypes) is null ? default! : Activator.CreateInstance<TState>();
}
