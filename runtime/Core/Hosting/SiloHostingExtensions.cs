using Commerce.Runtime.Catalog;
using Commerce.Runtime.Configuration;
using Commerce.Runtime.Diagnostics;
using Commerce.Runtime.Registry;
using Commerce.Runtime.Streams;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Commerce.Runtime.Hosting;

/// <summary>Hosting a silo: <c>builder.UseSilo(silo => silo.AddMemoryGrainStorage())</c>.</summary>
public static class SiloHostingExtensions
{
    /// <summary>
    /// Runs a silo in this host. The host's services get <see cref="IGrainFactory"/> and
    /// <see cref="IClusterClient"/>, so code co-hosted with the silo (an API, the dashboard) calls grains directly.
    /// </summary>
    public static IHostApplicationBuilder UseSilo(this IHostApplicationBuilder builder, Action<ISiloBuilder>? configure = null)
    {
        builder.Services.AddSilo(configure);
        return builder;
    }

    /// <inheritdoc cref="UseSilo(IHostApplicationBuilder, Action{ISiloBuilder})"/>
    public static IServiceCollection AddSilo(this IServiceCollection services, Action<ISiloBuilder>? configure = null)
    {
        if (services.Any(s => s.ServiceType == typeof(GrainRuntime))) throw new InvalidOperationException("A silo is already configured in this host.");
        services.AddOptions();
        services.AddMetrics();
        services.AddLogging();
        services.AddOptions<SiloOptions>();
        services.AddOptions<MessagingOptions>();
        services.AddOptions<SchedulingOptions>();
        services.AddOptions<GrainCollectionOptions>();
        services.TryAddSingleton<GrainTypeRegistry>();
        services.TryAddSingleton<RuntimeMetrics>();
        services.AddSingleton<GrainRuntime>();
        services.AddSingleton<ActivationCollector>();
        services.TryAddSingleton<Placement.IGrainOwnership, Placement.LocalOwnership>();
        services.AddSingleton<IClusterClient>(sp => sp.GetRequiredService<GrainRuntime>().GrainFactory);
        services.AddSingleton<IGrainFactory>(sp => sp.GetRequiredService<GrainRuntime>().GrainFactory);
        services.AddHostedService<SiloHostedService>();
        services.AddStreams();
        configure?.Invoke(new SiloBuilder(services));
        return services;
    }
}
