namespace Commerce.Runtime.CodeGenerator.Tests.Fakes;

/// <summary>A persistent state that lives only in memory.</summary>
internal sealed class InMemoryPersistentState<TState>(TState state) : IPersistentState<TState>
{
    public TState State { get; set; } = state;

    public string? Etag => null;

    public bool RecordExists => false;

    public Task ReadStateAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task WriteStateAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task ClearStateAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
}
