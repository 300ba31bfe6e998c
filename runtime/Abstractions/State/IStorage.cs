namespace Commerce.Runtime;

/// <summary>Operations on one piece of persisted grain state.</summary>
public interface IStorage
{
    /// <summary>The version tag of the stored record; null when nothing is stored.</summary>
    string? Etag { get; }

    bool RecordExists { get; }

    Task ReadStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Writes the state; throws <see cref="InconsistentStateException"/> if the stored record changed since it was read.</summary>
    Task WriteStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Deletes the stored record and resets the state to its default.</summary>
    Task ClearStateAsync(CancellationToken cancellationToken = default);
}

/// <summary>Typed persisted state.</summary>
public interface IStorage<TState> : IStorage
{
    TState State { get; set; }
}

/// <summary>Persisted state injected into a grain's constructor with <see cref="PersistentStateAttribute"/>; read before activation.</summary>
public interface IPersistentState<TState> : IStorage<TState>;
