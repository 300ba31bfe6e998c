using Commerce.GrainInterfaces.Payments;

namespace Commerce.Grains.Payments;

/// <summary>
/// How a completed pending payment is announced. The default calls the order's
/// <see cref="IPaymentOutcomeListener"/>; tests replace it with a recording one. Delivery is at least once.
/// </summary>
public interface IPaymentOutcomeNotifier
{
    Task NotifyAsync(string orderId, PaymentResult result);
}
