using Commerce.Runtime.Hosting;
using Commerce.Runtime.Registry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Commerce.Runtime.Streams;

/// <summary>
/// Stream providers of a silo. Every silo has <see cref="StreamProviderNames.Memory"/> and
/// <see cref="StreamProviderNames.Durable"/> from the start, both in memory; a durable provider
/// (<c>silo.UsePostgresStreams(connectionString)</c>) replaces the second.
/// </summary>
public static class StreamSiloBuilderExtensions
{
    /// <summary>Adds, or replaces, the provider named <paramref name="name"/>.</summary>
    public static ISiloBuilder AddStreamProvider(this ISiloBuilder silo, string name, Func<IServiceProvider, IStreamProvider> factory)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.Services.AddStreamProvider(name, factory);
        return silo;
    }

    /// <summary>Adds, or replaces, an in-memory provider named <paramref name="name"/>.</summary>
    public static ISiloBuilder AddMemoryStreams(this ISiloBuilder silo, string name) =>
        silo.AddStreamProvider(name, sp => new MemoryStreamProvider(name, sp.GetRequiredService<StreamRuntime>()));

    /// <summary>The stream machinery and the two default providers; part of every silo.</summary>
    internal static IServiceCollection AddStreams(this IServiceCollection services)
    {
        if (services.Any(s => s.ServiceType == typeof(StreamRuntime))) return services;
        services.AddSingleton(sp => new StreamRuntime(sp.GetRequiredService<IGrainFactory>(), sp.GetRequiredService<GrainTypeRegistry>()));
        services.AddHostedService<StreamsHostedService>();
        services.AddStreamProvider(StreamProviderNames.Memory, sp => new MemoryStreamProvider(StreamProviderNames.Memory, sp.GetRequiredService<StreamRuntime>()));
        services.AddStreamProvider(StreamProviderNames.Durable, sp => new MemoryStreamProvider(StreamProviderNames.Durable, sp.GetRequiredService<StreamRuntime>()));
        return services;
    }

    internal static IServiceCollection AddStreamProvider(this IServiceCollection services, string name, Func<IServiceProvider, IStreamProvider> factory)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(factory);
        var existing = services.FirstOrDefault(s => s.ImplementationInstance is StreamProviderRegistration r && r.Name == name);
        if (existing is not null) services.Remove(existing);
        else services.AddSingleton<IStreamProvider>(sp => sp.GetServices<StreamProviderRegistration>().Last(r => r.Name == name).Factory(sp));
        services.AddSingleton(new StreamProviderRegistration(name, factory));
        return services;
    }
}
