using System.Globalization;
using Commerce.Runtime.Registry;

namespace Commerce.Runtime;

/// <summary>Creates grain references for a silo and for the code co-hosted with it. No I/O.</summary>
internal sealed class GrainFactory(GrainTypeRegistry registry, IServiceProvider services) : IClusterClient
{
    private IGrainReferenceRuntime? _runtime;

    public IServiceProvider ServiceProvider => services;

    internal IGrainReferenceRuntime Runtime
    {
        get => _runtime ?? throw new InvalidOperationException("The grain runtime is not started.");
        set => _runtime = value;
    }

    public TGrainInterface GetGrain<TGrainInterface>(string key) where TGrainInterface : IGrainWithStringKey
    {
        ArgumentNullException.ThrowIfNull(key);
        return Create<TGrainInterface>(key);
    }

    public TGrainInterface GetGrain<TGrainInterface>(Guid key) where TGrainInterface : IGrainWithGuidKey =>
        Create<TGrainInterface>(key.ToString("N"));

    public TGrainInterface GetGrain<TGrainInterface>(long key) where TGrainInterface : IGrainWithIntegerKey =>
        Create<TGrainInterface>(key.ToString(CultureInfo.InvariantCulture));

    public TGrainInterface GetGrain<TGrainInterface>(GrainId grainId) where TGrainInterface : IAddressable
    {
        if (grainId.IsDefault) throw new ArgumentException("The grain id is empty.", nameof(grainId));
        var info = registry.GetInterface(typeof(TGrainInterface));
        return (TGrainInterface)(object)info.ProxyFactory(Runtime, grainId);
    }

    private TGrainInterface Create<TGrainInterface>(string key)
    {
        var info = registry.GetInterface(typeof(TGrainInterface));
        var grainType = info.GrainType.IsDefault ? registry.GetGrainType(typeof(TGrainInterface)) : info.GrainType;
        return (TGrainInterface)(object)info.ProxyFactory(Runtime, new GrainId(grainType, key));
    }
}
