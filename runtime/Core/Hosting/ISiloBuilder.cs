using Microsoft.Extensions.DependencyInjection;

namespace Commerce.Runtime.Hosting;

/// <summary>Configures a silo: its services, options and providers.</summary>
public interface ISiloBuilder
{
    IServiceCollection Services { get; }
}
