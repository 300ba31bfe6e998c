namespace Commerce.Runtime.Postgres.Tests;

/// <summary>The state holder an activation passes to storage, as the runtime would.</summary>
internal sealed class TestGrainState<TState> : IGrainState<TState>
{
    public TState State { get; set; } = default!;

    public string? ETag { get; set; }

    public bool RecordExists { get; set; }
}
