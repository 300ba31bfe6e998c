namespace Commerce.GrainInterfaces.Orders;

/// <summary>What moves an order from one status to the next.</summary>
public enum OrderTrigger
{
    Place,
    PaymentSucceeded,
    PaymentFailed,
    RetryPayment,
    Allocate,
    Backorder,
    Pack,
    Ship,
    Deliver,
    Complete,
    Cancel,
    ExpireReservation,
    RaiseException,
    Reship,
    FixAddress,
    RequestReturn,
    RequestRefund,
    Refund,
    RejectRefund,

    /// <summary>Privacy erasure of the shipping address; the status stays as it was (see <c>IOrderGrain.ErasePersonalDataAsync</c>).</summary>
    ErasePersonalData,
}
