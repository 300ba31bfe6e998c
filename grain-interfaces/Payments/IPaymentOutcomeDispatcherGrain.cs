namespace Commerce.GrainInterfaces.Payments;

/// <summary>
/// Tells an order the outcome of its pending payment outside the payment grain's turn, so the order may call
/// the payment grain back (e.g. to refund) without a deadlock; then acknowledges to the payment grain.
/// Key = payment id.
/// </summary>
[Alias("commerce.IPaymentOutcomeDispatcherGrain")]
public interface IPaymentOutcomeDispatcherGrain : IGrainWithStringKey
{
    [OneWay]
    [Alias("DispatchAsync")]
    Task DispatchAsync(string orderId, PaymentResult result);
}
