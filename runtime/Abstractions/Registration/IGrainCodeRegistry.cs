using System.ComponentModel;

namespace Commerce.Runtime;

/// <summary>Receives what the source generator emitted for one assembly.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IGrainCodeRegistry
{
    /// <summary>
    /// A grain interface: its proxy factory and, indexed by method id, a factory for each method's
    /// request (used to materialize requests that arrive over the network).
    /// </summary>
    void AddInterface(Type interfaceType, Func<IGrainReferenceRuntime, GrainId, GrainReference> proxyFactory, Func<Request>[] requestFactories);

    /// <summary>A grain class and the factory that constructs it with its dependencies and states.</summary>
    void AddGrainClass(Type grainClass, Func<IGrainContext, object> factory);
}
