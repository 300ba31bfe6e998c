using System.Collections.Concurrent;
using System.Reflection;
using Commerce.Runtime.Registry;

namespace Commerce.Runtime.Serialization;

/// <summary>
/// Grain references whose declared type does not name their grain interface (<see cref="GrainReference"/>,
/// <see cref="IAddressable"/>, <see cref="IGrain"/>, the key markers): the <see cref="GrainId"/> and the
/// wire id of the proxy's grain interface, so the reader can recreate a reference of the right interface.
/// </summary>
internal static class GrainReferenceWireCodec
{
    private static readonly ConcurrentDictionary<Type, int> InterfaceIdsByProxyType = new();
    private static readonly ConcurrentDictionary<Type, Func<IGrainFactory, GrainId, object>> FactoriesByInterface = new();

    private static readonly MethodInfo CreateReferenceMethod =
        typeof(GrainReferenceWireCodec).GetMethod(nameof(CreateReference), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>A grain interface that names what the reference can do (not one of the marker interfaces).</summary>
    public static bool IsGrainInterface(Type type) => type.IsInterface && typeof(IAddressable).IsAssignableFrom(type) && !IsMarker(type);

    public static bool IsUntypedReference(Type type) => type == typeof(GrainReference) || IsMarker(type);

    public static void WriteUntyped(WireArgumentWriter writer, IAddressable? value)
    {
        if (value is null)
        {
            writer.WriteGrainId(default);
            return;
        }

        if (value is not GrainReference reference)
            throw new NotSupportedException($"{value.GetType()} cannot cross the wire as an untyped reference: pass grain.AsReference<TInterface>() instead.");
        writer.WriteGrainId(reference.GrainId);
        writer.WriteFixedInt32(InterfaceIdsByProxyType.GetOrAdd(reference.GetType(), static proxyType => GrainTypeRegistry.ComputeInterfaceId(ProxyInterface(proxyType))));
    }

    public static object? ReadUntyped(WireArgumentReader reader)
    {
        var grainId = reader.ReadGrainId();
        if (grainId.IsDefault) return null;
        var interfaceId = reader.ReadFixedInt32();
        var registry = reader.Registry ?? throw new InvalidOperationException("This reader has no grain type registry to resolve untyped grain references with.");
        var factory = reader.GrainFactory ?? throw new InvalidOperationException("This reader has no grain factory to recreate grain references with.");
        var interfaceType = registry.GetInterfaceType(interfaceId);
        var create = FactoriesByInterface.GetOrAdd(interfaceType, static type => CreateReferenceMethod.MakeGenericMethod(type).CreateDelegate<Func<IGrainFactory, GrainId, object>>());
        return create(factory, grainId);
    }

    private static object CreateReference<TInterface>(IGrainFactory factory, GrainId grainId)
        where TInterface : IAddressable => factory.GetGrain<TInterface>(grainId);

    /// <summary>The most derived grain interface a generated proxy implements.</summary>
    private static Type ProxyInterface(Type proxyType)
    {
        var candidates = proxyType.GetInterfaces().Where(IsGrainInterface).ToArray();
        foreach (var candidate in candidates)
        {
            if (!candidates.Any(other => other != candidate && candidate.IsAssignableFrom(other))) return candidate;
        }

        throw new NotSupportedException($"{proxyType} implements no grain interface.");
    }

    private static bool IsMarker(Type type) =>
        type == typeof(IAddressable) || type == typeof(IGrain)
        || type == typeof(IGrainWithStringKey) || type == typeof(IGrainWithGuidKey) || type == typeof(IGrainWithIntegerKey);
}
