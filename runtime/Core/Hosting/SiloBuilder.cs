using Microsoft.Extensions.DependencyInjection;

namespace Commerce.Runtime.Hosting;

internal sealed class SiloBuilder(IServiceCollection services) : ISiloBuilder
{
    public IServiceCollection Services { get; } = services;
}
