using Commerce.Grains.Logistics;
using Commerce.Grains.Payments.Gateway;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Commerce.Api.Hosting;

/// <summary>
/// As a cluster client the API has no silo services, but webhooks are verified here, at the edge: the
/// payment and carrier verifiers with their secrets from the <c>PaymentCallbacks</c> and <c>CarrierWebhooks</c>
/// sections (the same secrets the silos use to sign sandbox callbacks).
/// </summary>
internal static class WebhookVerifierServices
{
    public static IServiceCollection AddWebhookVerifiers(this IServiceCollection services)
    {
        services.AddOptions<PaymentCallbackOptions>().BindConfiguration("PaymentCallbacks");
        services.AddOptions<CarrierWebhookOptions>().BindConfiguration("CarrierWebhooks");
        services.TryAddSingleton<PaymentCallbackVerifier>();
        services.TryAddSingleton<IGatewayWebhookReceiver, PaymentWebhookHandler>();
        services.TryAddSingleton<CarrierWebhookVerifier>();
        services.TryAddSingleton<CarrierWebhookReceiver>();
        return services;
    }
}
