using Commerce.Runtime.Configuration;
using Commerce.Runtime.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.Runtime.Hosting;

/// <summary>Configuration verbs for <see cref="ISiloBuilder"/>.</summary>
public static class SiloBuilderExtensions
{
    /// <summary>Adds an in-memory grain storage provider (state is lost when the process exits).</summary>
    public static ISiloBuilder AddMemoryGrainStorage(this ISiloBuilder silo, string name = StorageNames.Default)
    {
        silo.Services.AddKeyedSingleton<IGrainStorage>(name, (_, _) => new MemoryGrainStorage());
        return silo;
    }

    /// <summary>Adds a grain storage provider under <paramref name="name"/>.</summary>
    public static ISiloBuilder AddGrainStorage(this ISiloBuilder silo, string name, Func<IServiceProvider, IGrainStorage> factory)
    {
        silo.Services.AddKeyedSingleton(name, (services, _) => factory(services));
        return silo;
    }

    /// <summary>Registers the generated grain code of an assembly explicitly (loaded assemblies are found automatically).</summary>
    public static ISiloBuilder AddGrainAssembly(this ISiloBuilder silo, System.Reflection.Assembly assembly)
    {
        silo.Services.AddSingleton(new GrainAssemblyRegistration(assembly));
        return silo;
    }

    public static ISiloBuilder AddIncomingGrainCallFilter<TFilter>(this ISiloBuilder silo) where TFilter : class, IIncomingGrainCallFilter
    {
        silo.Services.AddSingleton<IIncomingGrainCallFilter, TFilter>();
        return silo;
    }

    public static ISiloBuilder AddIncomingGrainCallFilter(this ISiloBuilder silo, IIncomingGrainCallFilter filter)
    {
        silo.Services.AddSingleton(filter);
        return silo;
    }

    public static ISiloBuilder AddOutgoingGrainCallFilter(this ISiloBuilder silo, IOutgoingGrainCallFilter filter)
    {
        silo.Services.AddSingleton(filter);
        return silo;
    }

    public static ISiloBuilder Configure<TOptions>(this ISiloBuilder silo, Action<TOptions> configure) where TOptions : class
    {
        silo.Services.Configure(configure);
        return silo;
    }

    /// <summary>Sets the response timeout of every call.</summary>
    public static ISiloBuilder WithResponseTimeout(this ISiloBuilder silo, TimeSpan timeout) =>
        silo.Configure<MessagingOptions>(options => options.ResponseTimeout = timeout);
}

/// <summary>An assembly named explicitly with <see cref="SiloBuilderExtensions.AddGrainAssembly"/>.</summary>
internal sealed record GrainAssemblyRegistration(System.Reflection.Assembly Assembly);
