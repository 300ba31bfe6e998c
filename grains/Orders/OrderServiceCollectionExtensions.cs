using Commerce.Grains.Cart;
using Commerce.Grains.Logistics;
using Commerce.Grains.Notifications;
using Commerce.Grains.Promotions;
using Commerce.Grains.Reviews;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Commerce.Grains.Orders;

/// <summary>
/// Services of commerce core (cart, checkout, orders, logistics, reviews, notifications): no promotions, the
/// SANDBOX carrier delivering its webhooks in process, and the in-memory orders read model by default. Orders encrypt
/// their shipping address with the users' <c>SensitiveDataProtector</c> (<c>AddUserGrains</c>; <c>AddCommerceGrains</c> adds both).
/// </summary>
public static class OrderServiceCollectionExtensions
{
    public static IServiceCollection AddOrderGrains(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<CartOptions>().BindConfiguration("Cart");
        services.AddOptions<OrderOptions>().BindConfiguration("Orders");
        services.AddOptions<ReadModelProjectionOptions>().BindConfiguration("ReadModelProjection");
        services.AddOptions<NotificationOptions>().BindConfiguration("Notifications");
        services.AddOptions<ReviewOptions>().BindConfiguration("Reviews");
        services.AddOptions<SandboxCarrierOptions>().BindConfiguration("SandboxCarrier");
        services.AddOptions<CarrierWebhookOptions>().BindConfiguration("CarrierWebhooks");
        services.TryAddSingleton<IPromotionEngine, NoPromotionEngine>();
        services.TryAddSingleton<PriceCalculator>();
        services.TryAddSingleton<ICarrierGateway, SandboxCarrier>();
        services.TryAddSingleton<CarrierWebhookVerifier>();
        services.TryAddSingleton<CarrierWebhookReceiver>();
        services.TryAddSingleton<ICarrierWebhookTransport, InProcessCarrierWebhookTransport>();
        services.TryAddSingleton<IOrderReadModel, MemoryOrderReadModel>();
        return services;
    }

    /// <summary>Keeps the orders read model in PostgreSQL (tables <c>order_summaries</c>, <c>order_exceptions</c>; migration 200).</summary>
    public static IServiceCollection UsePostgresOrders(this IServiceCollection services, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        services.RemoveAll<IOrderReadModel>();
        services.AddReadModelDatabase(connectionString);
        services.AddSingleton<IOrderReadModel>(sp => new PostgresOrderReadModel(sp.GetReadModelDatabase(connectionString)));
        return services;
    }
}
