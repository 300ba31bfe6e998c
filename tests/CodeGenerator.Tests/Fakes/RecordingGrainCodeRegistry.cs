namespace Commerce.Runtime.CodeGenerator.Tests.Fakes;

/// <summary>Collects what a generated registration registers.</summary>
internal sealed class RecordingGrainCodeRegistry : IGrainCodeRegistry
{
    public Dictionary<Type, (Func<IGrainReferenceRuntime, GrainId, GrainReference> ProxyFactory, Func<Request>[] RequestFactories)> Interfaces { get; } = [];

    public Dictionary<Type, Func<IGrainContext, object>> GrainClasses { get; } = [];

    public void AddInterface(Type interfaceType, Func<IGrainReferenceRuntime, GrainId, GrainReference> proxyFactory, Func<Request>[] requestFactories) =>
        Interfaces.Add(interfaceType, (proxyFactory, requestFactories));

    public void AddGrainClass(Type grainClass, Func<IGrainContext, object> factory) => GrainClasses.Add(grainClass, factory);
}
