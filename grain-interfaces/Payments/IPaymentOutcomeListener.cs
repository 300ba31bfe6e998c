namespace Commerce.GrainInterfaces.Payments;

/// <summary>
/// Told when a pending payment completes (by callback or status query). Key = order id; implemented by
/// the order grain.
/// </summary>
[Alias("commerce.IPaymentOutcomeListener")]
public interface IPaymentOutcomeListener : IGrainWithStringKey
{
    [Alias("OnPaymentCompletedAsync")]
    Task OnPaymentCompletedAsync(PaymentResult result);
}
