namespace Commerce.Runtime;

/// <summary>
/// A grain state store. Records are keyed by (grain type, key, state name). Writes and clears
/// compare the caller's ETag with the stored one and throw <see cref="InconsistentStateException"/>
/// on a mismatch, so a stale activation can never overwrite newer state.
/// </summary>
public interface IGrainStorage
{
    Task ReadStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken = default);

    Task WriteStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken = default);

    Task ClearStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken = default);
}
