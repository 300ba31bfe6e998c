using System.Collections.Concurrent;
using System.Reflection;

namespace Commerce.Runtime.Registry;

/// <summary>
/// The grain interfaces and classes of this process, filled from the generated registrations of its
/// assemblies. Maps an interface to the grain type of the one class that implements it, and a grain
/// type to its class.
/// </summary>
public sealed class GrainTypeRegistry : IGrainCodeRegistry
{
    private readonly ConcurrentDictionary<Type, GrainInterfaceInfo> _interfaces = new();
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

    void IGrainCodeRegistry.AddInterface(Type interfaceType, Func<IGrainReferenceRuntime, GrainId, GrainReference> proxyFactory, Func<Request>[] requestFactories) =>
        _interfaces.TryAdd(interfaceType, new GrainInterfaceInfo(interfaceType, proxyFactory, requestFactories));

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
        return info.GrainType.IsDefault
            ? throw new InvalidOperationException($"No grain class implementing {interfaceType.FullName} is registered in this process.")
            : info.GrainType;
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

            info.GrainType = implementations.Length switch
            {
                0 => default,
                1 => implementations[0].GrainType,
                _ => throw new InvalidOperationException(
                    $"{info.InterfaceType.FullName} is implemented by several grain classes ({string.Join(", ", implementations.Select(c => c.ClassType.Name))}); each grain interface needs exactly one."),
            };
        }
    }
}
