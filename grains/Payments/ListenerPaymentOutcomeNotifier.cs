using Commerce.GrainInterfaces.Payments;

namespace Commerce.Grains.Payments;

/// <summary>Announces a payment outcome to the order grain (<see cref="IPaymentOutcomeListener"/>, key = order id).</summary>
public sealed class ListenerPaymentOutcomeNotifier(IGrainFactory grains) : IPaymentOutcomeNotifier
{
    public Task NotifyAsync(string orderId, PaymentResult result) =>
        grains.GetGrain<IPaymentOutcomeListener>(orderId).OnPaymentCompletedAsync(result);
}
