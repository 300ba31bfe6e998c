using Commerce.Runtime;

namespace Commerce.GrainInterfaces.Payments;

/// <summary>
/// Tells an order the outcome of its pending payment outside the payment grain's turn, so the order may call
/// the payment grain back (e.g. to refund) without a deadlock; then acknowledges to the payment grain.
/// Key = payment id.
/// </summary>
public interface IPaymentOutcomeDispatcherGrain : IGrainWithStringKey
{
    [OneWay]
    Task DispatchAsync(string orderId, PaymentResult result);
}
