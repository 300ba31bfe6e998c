namespace Commerce.Runtime;

/// <summary>Stream providers for grain code: <c>this.GetStreamProvider(StreamProviderNames.Durable)</c>.</summary>
public static class StreamExtensions
{
    public static IStreamProvider GetStreamProvider(this Grain grain, string name)
    {
        ArgumentNullException.ThrowIfNull(grain);
        return grain.GrainContext.ActivationServices.GetStreamProvider(name);
    }

    /// <summary>The provider named <paramref name="name"/> among the <see cref="IStreamProvider"/> services.</summary>
    public static IStreamProvider GetStreamProvider(this IServiceProvider services, string name)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.GetService(typeof(IEnumerable<IStreamProvider>)) is IEnumerable<IStreamProvider> providers)
        {
            foreach (var provider in providers)
            {
                if (string.Equals(provider.Name, name, StringComparison.Ordinal)) return provider;
            }
        }

        throw new InvalidOperationException($"No stream provider named '{name}' is configured in this process.");
    }
}
