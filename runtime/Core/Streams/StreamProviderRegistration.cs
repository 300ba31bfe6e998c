namespace Commerce.Runtime.Streams;

/// <summary>A named stream provider of a silo and how to build it; the last registration of a name wins.</summary>
internal sealed class StreamProviderRegistration(string name, Func<IServiceProvider, IStreamProvider> factory)
{
    public string Name { get; } = name;

    public Func<IServiceProvider, IStreamProvider> Factory { get; } = factory;
}
