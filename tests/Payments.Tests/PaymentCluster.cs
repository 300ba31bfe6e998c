using Commerce.GrainInterfaces.Common;
using Commerce.GrainInterfaces.Payments;
using Commerce.Grains.Payments;
using Commerce.Grains.Payments.Gateway;
using Commerce.Grains.Testing;
using Microsoft.Extensions.DependencyInjection;
using Orleans;

namespace Commerce.Payments.Tests;

/// <summary>An in-process silo with the payment grains, a sandbox gateway whose callbacks the test delivers, and a recording notifier.</summary>
public sealed class PaymentCluster : IAsyncDisposable
{
    private PaymentCluster(CommerceTestCluster cluster, RecordingOutcomeNotifier notifier)
    {
        Cluster = cluster;
        Notifier = notifier;
    }

    public CommerceTestCluster Cluster { get; }

    public RecordingOutcomeNotifier Notifier { get; }

    public IGrainFactory Grains => Cluster.GrainFactory;

    public SandboxPaymentGateway Gateway => Cluster.Services.GetRequiredService<SandboxPaymentGateway>();

    public IGatewayWebhookReceiver Webhook => Cluster.Services.GetRequiredService<IGatewayWebhookReceiver>();

    public static async Task<PaymentCluster> StartAsync(TimeProvider? clock = null, Action<IServiceCollection>? configure = null)
    {
        var notifier = new RecordingOutcomeNotifier();
        var cluster = await CommerceTestCluster.StartAsync(
            configureServices: services =>
            {
                services.Configure<SandboxGatewayOptions>(o =>
                {
                    o.AutoDeliverCallbacks = false;
                    o.Latency = TimeSpan.FromMilliseconds(1);
                    o.TimeoutAfter = TimeSpan.FromMilliseconds(5);
                    o.DuplicateDeliveries = 1;
                });
                services.AddSingleton<IPaymentOutcomeNotifier>(notifier);
                if (clock is not null) services.AddSingleton(clock);
                configure?.Invoke(services);
            });
        return new PaymentCluster(cluster, notifier);
    }

    public IPaymentGrain Payment(string id) => Grains.GetGrain<IPaymentGrain>(id);

    public Task<PaymentResult> PayAsync(string id, decimal amount, string currency = "EUR", PaymentMethodKind method = PaymentMethodKind.Card,
        string token = SandboxTestTokens.Visa, string user = "ann", string? billing = null, string? ip = null) =>
        Payment(id).PayAsync(Request(id, amount, currency, method, token, user, billing, ip));

    public static PaymentRequest Request(string id, decimal amount, string currency = "EUR", PaymentMethodKind method = PaymentMethodKind.Card,
        string token = SandboxTestTokens.Visa, string user = "ann", string? billing = null, string? ip = null) =>
        new(id, "order-" + id, user, new Money(amount, currency), method, token, billing, ip);

    public ValueTask DisposeAsync() => Cluster.DisposeAsync();
}
