using Commerce.Runtime;

namespace Commerce.GrainInterfaces.Payments;

/// <summary>
/// Told when a pending payment completes (by callback or status query). Key = order id; implemented by
/// the order grain.
/// </summary>
public interface IPaymentOutcomeListener : IGrainWithStringKey
{
    Task OnPaymentCompletedAsync(PaymentResult result);
}
