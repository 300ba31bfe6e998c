using System.Collections.Concurrent;
using System.Reflection;
using System.Text;

namespace Commerce.Runtime.Registry;

/// <summary>
/// The grain interfaces and classes of this process, filled from the generated registrations of its
/// assemblies. Maps an interface to the grain type of the one class that implements it, and a grain
/// type to its class.
/// </summary>
public sealed class GrainTypeRegistry : IGrainCodeRegistry
{
    private readonly ConcurrentDictionary<Type, GrainInterfaceInfo> _interfaces = new();
    private readonly ConcurrentDictionary<int, GrainInterfaceInfo> _interfacesById = new();
    private readonly ConcurrentDictionary<Type, int> _interfaceIds = new();
    private readonly Dictionary<GrainType, GrainClassInfo> _classes = new();
    private readonly HashSet<Assembly> _assemblies = new();
    private readonly object _gate = new();

    /// <summary>Registers the generated code of <paramref name="assembly"/>, once.</summary>
    public void AddAssembly(Assembly assembly)
    {
        lock (_gate)
        {
            if (!_assemblies.Add(assembly)) return;
            foreach (var attribute in assembly.GetCustomAttributes<GrainCodeRegistrationAttribute>())
            {
                var registration = (IGrainCodeRegistration)Activator.CreateInstance(attribute.RegistrationType)!;
                registration.Register(this);
            }

            ResolveInterfaces();
        }
    }

    /// <summary>Registers every loaded assembly that carries generated grain code, and the assemblies they reference.</summary>
    public void AddLoadedAssemblies()
    {
        foreach (var assembly in GrainAssemblyDiscovery.Find()) AddAssembly(assembly);
    }

    void IGrainCodeRegistry.AddInterface(Type interfaceType, Func<IGrainReferenceRuntime, GrainId, GrainReference> proxyFactory, Func<Request>[] requestFactories)
    {
        var id = ComputeInterfaceId(interfaceType);
        if (_interfacesById.TryGetValue(id, out var existing) && existing.InterfaceType != interfaceType)
            throw new InvalidOperationException(
                $"Grain interfaces {existing.InterfaceType.FullName} and {interfaceType.FullName} have the same wire id {id}. Rename one of them.");
        var info = new GrainInterfaceInfo(interfaceType, proxyFactory, requestFactories);
        if (!_interfaces.TryAdd(interfaceType, info)) return;
        _interfacesById[id] = info;
        _interfaceIds[interfaceType] = id;
    }

    /// <summary>How the wire names <paramref name="interfaceType"/>: the same in every process that has it.</summary>
    public int GetInterfaceId(Type interfaceType)
    {
        if (_interfaceIds.TryGetValue(interfaceType, out var id)) return id;
        GetInterface(interfaceType);
        return _interfaceIds[interfaceType];
    }

    /// <summary>The factory of the request for method <paramref name="methodId"/> of the interface with wire id <paramref name="interfaceId"/>.</summary>
    /// <exception cref="InvalidOperationException">No such interface or method is registered in this process.</exception>
    public Func<Request> GetRequestFactory(int interfaceId, int methodId)
    {
        var factories = GetInterface(interfaceId).RequestFactories;
        return (uint)methodId < (uint)factories.Length
            ? factories[methodId]
            : throw new InvalidOperationException($"Grain interface {GetInterface(interfaceId).InterfaceType.FullName} has no method with id {methodId}.");
    }

    internal Type GetInterfaceType(int interfaceId) => GetInterface(interfaceId).InterfaceType;

    /// <summary>
    /// FNV-1a (32-bit) of the interface's full name in UTF-8: stable across processes and builds, so
    /// a silo and a client agree on it without exchanging tables. Collisions are refused at registration.
    /// </summary>
    internal static int ComputeInterfaceId(Type interfaceType)
    {
        const uint offsetBasis = 2166136261;
        const uint prime = 16777619;
        var hash = offsetBasis;
        foreach (var b in Encoding.UTF8.GetBytes(interfaceType.FullName ?? interfaceType.Name))
        {
            hash = (hash ^ b) * prime;
        }

        return unchecked((int)hash);
    }

    private GrainInterfaceInfo GetInterface(int interfaceId) =>
        _interfacesById.TryGetValue(interfaceId, out var info)
            ? info
            : throw new InvalidOperationException($"No grain interface with wire id {interfaceId} is registered in this process.");

    void IGrainCodeRegistry.AddGrainClass(Type grainClass, Func<IGrainContext, object> factory)
    {
        var info = new GrainClassInfo(grainClass, factory);
        if (_classes.TryGetValue(info.GrainType, out var existing))
        {
            if (existing.ClassType == grainClass) return;
            throw new InvalidOperationException(
                $"Grain classes {existing.ClassType.FullName} and {grainClass.FullName} both have grain type '{info.GrainType}'. Give one a distinct [GrainType(\"...\")].");
        }

        _classes.Add(info.GrainType, info);
    }

    internal IReadOnlyCollection<GrainClassInfo> Classes
    {
        get { lock (_gate) return _classes.Values.ToArray(); }
    }

    internal GrainInterfaceInfo GetInterface(Type interfaceType)
    {
        if (_interfaces.TryGetValue(interfaceType, out var info)) return info;
        AddAssembly(interfaceType.Assembly);
        return _interfaces.TryGetValue(interfaceType, out info)
            ? info
            : throw new InvalidOperationException($"{interfaceType.FullName} is not a grain interface with generated code. Does its project set <UsesGrainCodeGen>true</UsesGrainCodeGen>?");
    }

    internal GrainType GetGrainType(Type interfaceType)
    {
        var info = GetInterface(interfaceType);
        if (info.Ambiguity is { } ambiguity) throw new InvalidOperationException(ambiguity);
        return info.GrainType.IsDefault
            ? throw new InvalidOperationException($"No grain class implementing {interfaceType.FullName} is registered in this process.")
            : info.GrainType;
    }

    /// <summary>Grain interface full name to grain type, for every interface a class here implements: the cluster manifest.</summary>
    internal Dictionary<string, string> DescribeInterfaces()
    {
        lock (_gate)
        {
            return _interfaces.Values
                .Where(i => !i.GrainType.IsDefault && i.InterfaceType.FullName is not null)
                .ToDictionary(i => i.InterfaceType.FullName!, i => i.GrainType.Value, StringComparer.Ordinal);
        }
    }

    /// <summary>
    /// Takes the grain types of interfaces implemented elsewhere (in the silos) from their manifest,
    /// so a client that has no grain classes can still resolve <c>GetGrain&lt;IFoo&gt;(key)</c>.
    /// </summary>
    internal void ApplyManifest(IReadOnlyDictionary<string, string> grainTypesByInterface)
    {
        lock (_gate)
        {
            foreach (var info in _interfaces.Values)
            {
                if (info.GrainType.IsDefault && info.InterfaceType.FullName is { } name && grainTypesByInterface.TryGetValue(name, out var grainType))
                    info.GrainType = new GrainType(grainType);
            }
        }
    }

    internal bool TryGetClass(GrainType grainType, out GrainClassInfo info)
    {
        lock (_gate) return _classes.TryGetValue(grainType, out info!);
    }

    private static bool ImplementsDerivedGrainInterface(Type classType, Type grainInterface) =>
        classType.GetInterfaces().Any(i => i != grainInterface && grainInterface.IsAssignableFrom(i) && typeof(IGrain).IsAssignableFrom(i));

    private void ResolveInterfaces()
    {
        foreach (var info in _interfaces.Values)
        {
            var implementations = _classes.Values.Where(c => info.InterfaceType.IsAssignableFrom(c.ClassType)).ToArray();
            if (implementations.Length > 1)
            {
                // IReentrantCart : ICart is implemented by both CartGrain and ReentrantCartGrain: ICart
                // belongs to the class for which it is the most derived grain interface.
                implementations = implementations.Where(c => !ImplementsDerivedGrainInterface(c.ClassType, info.InterfaceType)).ToArray();
            }

            info.GrainType = implementations.Length == 1 ? implementations[0].GrainType : default;
            info.Ambiguity = implementations.Length > 1
                ? $"{info.InterfaceType.FullName} is implemented by several grain classes ({string.Join(", ", implementations.Select(c => c.ClassType.Name))}); GetGrain needs an interface that exactly one implements."
                : null;
        }
    }
}
