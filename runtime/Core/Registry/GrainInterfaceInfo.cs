namespace Commerce.Runtime.Registry;

/// <summary>A grain interface: its generated proxy and request factories, and the grain class behind it.</summary>
internal sealed class GrainInterfaceInfo(
    Type interfaceType,
    Func<IGrainReferenceRuntime, GrainId, GrainReference> proxyFactory,
    Func<Request>[] requestFactories)
{
    public Type InterfaceType { get; } = interfaceType;

    public Func<IGrainReferenceRuntime, GrainId, GrainReference> ProxyFactory { get; } = proxyFactory;

    /// <summary>Indexed by method id.</summary>
    public Func<Request>[] RequestFactories { get; } = requestFactories;

    /// <summary>The grain type of the single class implementing the interface; default when none is known here.</summary>
    public GrainType GrainType { get; set; }

    /// <summary>
    /// Why <c>GetGrain</c> of this interface cannot pick a class (several implement it), or null. Only a
    /// lookup fails, so interfaces that many grains share (e.g. one they are all called through by their
    /// grain type) do not keep a process from starting.
    /// </summary>
    public string? Ambiguity { get; set; }
}
