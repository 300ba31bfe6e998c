namespace Commerce.GrainInterfaces.Orders;

/// <summary>Where an order is in its life. The allowed moves are the table in <c>OrderStateMachine</c>.</summary>
public enum OrderStatus
{
    /// <summary>Stock reserved; waiting for payment until the reservation expires.</summary>
    AwaitingPayment,
    Paid,
    /// <summary>Paid but no warehouse has the stock yet; allocated when stock arrives.</summary>
    Backordered,
    /// <summary>Stock committed in one or more warehouses.</summary>
    Allocated,
    Packed,
    Shipped,
    Delivered,
    Completed,
    ReturnRequested,
    RefundRequested,
    Refunded,
    Cancelled,
    /// <summary>Stopped by a problem (<see cref="OrderExceptionKind"/>) until an admin resolves it.</summary>
    Exception,
}
