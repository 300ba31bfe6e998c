using Commerce.Grains.Payments.Currency;
using Commerce.Grains.Payments.Gateway;
using Commerce.Grains.Payments.ReadModel;
using Commerce.Grains.Payments.Reconciliation;
using Commerce.Grains.Payments.Risk;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Commerce.Grains.Payments;

/// <summary>Services of the payment grains: the sandbox gateway and the in-memory read model by default.</summary>
public static class PaymentServiceCollectionExtensions
{
    public static IServiceCollection AddPaymentGrains(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<PaymentOptions>().BindConfiguration("Payments");
        services.AddOptions<ExchangeRateOptions>().BindConfiguration("ExchangeRates");
        services.AddOptions<FraudRiskOptions>().BindConfiguration("FraudRisk");
        services.AddOptions<ReconciliationOptions>().BindConfiguration("Reconciliation");
        services.AddOptions<PaymentCallbackOptions>().BindConfiguration("PaymentCallbacks");
        services.AddOptions<SandboxGatewayOptions>().BindConfiguration("SandboxGateway");
        services.TryAddSingleton<ExchangeRateCache>();
        services.TryAddSingleton<SandboxPaymentGateway>();
        services.TryAddSingleton<IPaymentGateway>(sp => sp.GetRequiredService<SandboxPaymentGateway>());
        services.TryAddSingleton<PaymentCallbackVerifier>();
        services.TryAddSingleton<IGatewayWebhookReceiver, PaymentWebhookHandler>();
        services.TryAddSingleton<IPaymentOutcomeNotifier, ListenerPaymentOutcomeNotifier>();
        services.TryAddSingleton<IPaymentReadModel, MemoryPaymentReadModel>();
        return services;
    }

    /// <summary>Keeps the payment read model in PostgreSQL (table <c>payments</c>, migration 300).</summary>
    public static IServiceCollection UsePostgresPayments(this IServiceCollection services, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        services.RemoveAll<IPaymentReadModel>();
        services.AddReadModelDatabase(connectionString);
        services.AddSingleton<IPaymentReadModel>(sp => new PostgresPaymentReadModel(sp.GetReadModelDatabase(connectionString)));
        return services;
    }
}
