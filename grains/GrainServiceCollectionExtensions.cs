using Commerce.Grains.Catalog;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Commerce.Grains;

/// <summary>The services the commerce grains depend on, registered in one place.</summary>
public static class GrainServiceCollectionExtensions
{
    public static IServiceCollection AddCommerceGrains(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<ProductViewsOptions>();
        return services;
    }
}
