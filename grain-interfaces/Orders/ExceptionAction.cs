namespace Commerce.GrainInterfaces.Orders;

/// <summary>How an admin resolves an exception order.</summary>
public enum ExceptionAction
{
    /// <summary>Give the money back (and the stock back to inventory); the order ends refunded.</summary>
    Refund,
    /// <summary>Allocate, pack and ship again (a lost or damaged parcel, a missing item found).</summary>
    Reship,
    /// <summary>Replace the shipping address and ship again; needs <see cref="ExceptionResolution.CorrectedAddress"/>.</summary>
    FixAddress,
    /// <summary>Keep the order and allocate it when stock arrives.</summary>
    Backorder,
    /// <summary>Cancel the order, releasing stock and refunding any payment.</summary>
    Cancel,
    /// <summary>Let the customer pay again (payment failures only).</summary>
    RetryPayment,
}
