using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Commerce.Grains.Inventory;

/// <summary>Services of the inventory grain.</summary>
public static class InventoryServiceCollectionExtensions
{
    public static IServiceCollection AddInventoryGrains(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<InventoryOptions>().BindConfiguration("Inventory");
        return services;
    }
}
