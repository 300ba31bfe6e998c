using Commerce.Grains.Audit;
using Commerce.Grains.Catalog;
using Commerce.Grains.Inventory;
using Commerce.Grains.Members;
using Commerce.Grains.Orders;
using Commerce.Grains.Payments;
using Commerce.Grains.Users;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Commerce.Grains;

/// <summary>
/// The services the commerce grains depend on, registered in one place. Every options class binds to
/// a configuration section named after its area (<c>Orders</c>, <c>Inventory</c>, <c>Payments</c>,
/// <c>PaymentCallbacks</c>, <c>CarrierWebhooks</c>, <c>Users</c>, ...), so every silo reads the same settings, e.g.
/// <c>--Users:EncryptionKey=...</c> (which the API reads too, for its key ring) or <c>COMMERCE_PAYMENTCALLBACKS__SECRET</c>.
/// Webhook secrets stay in the silos: the API hands webhooks to <c>IWebhookIntakeGrain</c>.
/// </summary>
public static class GrainServiceCollectionExtensions
{
    public static IServiceCollection AddCommerceGrains(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<ProductViewsOptions>().BindConfiguration("ProductViews");
        services.AddUserGrains();
        services.AddAuditGrains();
        services.AddCatalogGrains().AddInventoryGrains();
        services.AddPaymentGrains().AddMemberGrains();
        services.AddOrderGrains();
        return services;
    }
}
