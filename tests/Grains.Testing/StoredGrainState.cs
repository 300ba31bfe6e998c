using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Runtime;
using Orleans.Providers;
using Orleans.Storage;

namespace Commerce.Grains.Testing;

/// <summary>
/// Reads a grain's state as its storage holds it, without activating the grain: for tests of what is at rest
/// (no plaintext personal data, state written before a shutdown).
/// <c>var json = await StoredGrainState.ReadJsonAsync(cluster.Services, "order", GrainId.Create("order", id));</c>
/// </summary>
public static class StoredGrainState
{
    /// <summary>The default grain storage of a silo's <paramref name="services"/>.</summary>
    public static IGrainStorage DefaultStorage(IServiceProvider services) =>
        services.GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME);

    /// <summary>The state <paramref name="stateName"/> of <paramref name="grainId"/> in <paramref name="storage"/>, or null when none is stored.</summary>
    public static async Task<TState?> ReadAsync<TState>(IGrainStorage storage, string stateName, GrainId grainId) where TState : class
    {
        var state = await ReadCoreAsync<TState>(storage, stateName, grainId);
        return state.RecordExists ? state.State : null;
    }

    /// <summary>The stored JSON of the state <paramref name="stateName"/> of <paramref name="grainId"/>, or null when none is stored.</summary>
    public static async Task<string?> ReadJsonAsync(IServiceProvider services, string stateName, GrainId grainId)
    {
        var state = await ReadCoreAsync<JsonElement>(DefaultStorage(services), stateName, grainId);
        return state.RecordExists ? state.State.GetRawText() : null;
    }

    private static async Task<GrainState<TState>> ReadCoreAsync<TState>(IGrainStorage storage, string stateName, GrainId grainId)
    {
        ArgumentNullException.ThrowIfNull(storage);
        var state = new GrainState<TState>();
        await storage.ReadStateAsync(stateName, grainId, state);
        return state;
    }
}
