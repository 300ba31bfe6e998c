namespace Commerce.GrainInterfaces.Orders;

/// <summary>Why an order stopped and needs an admin.</summary>
public enum OrderExceptionKind
{
    OutOfStock,
    MissingItem,
    WrongAddress,
    LogisticsException,
    PaymentFailed,
}
