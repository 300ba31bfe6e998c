using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.Runtime.Testing;

/// <summary>
/// Reads a grain's state as its storage holds it, without activating the grain: for tests of what is at rest
/// (no plaintext personal data, state written before a shutdown).
/// <c>var json = await StoredGrainState.ReadJsonAsync(cluster.Services, "order", GrainId.Create(new GrainType("order"), id));</c>
/// </summary>
public static class StoredGrainState
{
    /// <summary>The state <paramref name="stateName"/> of <paramref name="grainId"/> in <paramref name="storage"/>, or null when none is stored.</summary>
    public static async Task<TState?> ReadAsync<TState>(IGrainStorage storage, string stateName, GrainId grainId) where TState : class
    {
        var (exists, state) = await ReadCoreAsync<TState>(storage, stateName, grainId);
        return exists ? state : null;
    }

    /// <summary>
    /// The stored JSON of the state <paramref name="stateName"/> of <paramref name="grainId"/> in the default grain
    /// storage of <paramref name="services"/> (a silo's or a test cluster's), or null when none is stored.
    /// </summary>
    public static async Task<string?> ReadJsonAsync(IServiceProvider services, string stateName, GrainId grainId)
    {
        var storage = services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default);
        var (exists, state) = await ReadCoreAsync<JsonElement>(storage, stateName, grainId);
        return exists ? state.GetRawText() : null;
    }

    private static async Task<(bool Exists, TState State)> ReadCoreAsync<TState>(IGrainStorage storage, string stateName, GrainId grainId)
    {
        ArgumentNullException.ThrowIfNull(storage);
        var holder = new Holder<TState>();
        await storage.ReadStateAsync(stateName, grainId, holder);
        return (holder.RecordExists, holder.State);
    }

    private sealed class Holder<TState> : IGrainState<TState>
    {
        public TState State { get; set; } = default!;

        public string? ETag { get; set; }

        public bool RecordExists { get; set; }
    }
}
