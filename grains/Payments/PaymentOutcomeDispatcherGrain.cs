using Commerce.GrainInterfaces.Payments;

namespace Commerce.Grains.Payments;

/// <summary>Delivers a payment outcome through <see cref="IPaymentOutcomeNotifier"/>, then acknowledges it to the payment.</summary>
[GrainType("payment-outcome-dispatcher")]
[StatelessWorker(1)]
public sealed class PaymentOutcomeDispatcherGrain(IPaymentOutcomeNotifier notifier) : Grain, IPaymentOutcomeDispatcherGrain
{
    public async Task DispatchAsync(string orderId, PaymentResult result)
    {
        await notifier.NotifyAsync(orderId, result);
        await GrainFactory.GetGrain<IPaymentGrain>(result.PaymentId).AcknowledgeOutcomeAsync();
    }
}
