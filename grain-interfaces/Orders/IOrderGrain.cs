using Commerce.GrainInterfaces.Common;
using Commerce.GrainInterfaces.Logistics;
using Commerce.GrainInterfaces.Payments;

namespace Commerce.GrainInterfaces.Orders;

/// <summary>
/// One order, keyed by its order number. Every transition follows <c>OrderStateMachine</c> (an illegal one throws
/// <see cref="ConflictException"/> <c>invalid-transition</c>), is recorded with time and actor, published as an
/// <see cref="OrderEvent"/> on the durable stream namespace <c>orders</c>, written to the orders read model, and
/// tells the customer through their notification outbox. <paramref name="actor"/> parameters name who acted
/// (<c>user:42</c>, <c>admin:ann</c>, <c>system</c>, <c>carrier</c>). Calls on an order that was never placed
/// throw <see cref="NotFoundException"/>.
/// </summary>
[Alias("commerce.IOrderGrain")]
public interface IOrderGrain : IGrainWithStringKey, IRemindable, IPaymentOutcomeListener
{
    /// <summary>Places the order (called by <see cref="ICheckoutGrain"/>). Repeating it with the same idempotency key returns the order.</summary>
    [Alias("PlaceAsync")]
    Task<OrderSnapshot> PlaceAsync(PlaceOrderCommand command);

    [ReadOnly]
    [Alias("GetAsync")]
    Task<OrderSnapshot> GetAsync();

    /// <summary>
    /// Pays an order awaiting payment. Captured: the order is paid and stock allocated to warehouses; declined,
    /// blocked or failed: the order enters the <see cref="OrderExceptionKind.PaymentFailed"/> exception; pending:
    /// the order waits for <see cref="IPaymentOutcomeListener.OnPaymentCompletedAsync"/>.
    /// </summary>
    [Alias("PayAsync")]
    Task<OrderSnapshot> PayAsync(PaymentSelection payment, string actor);

    /// <summary>Allocates a paid or backordered order to the warehouses that hold the stock.</summary>
    [Alias("AllocateAsync")]
    Task<OrderSnapshot> AllocateAsync(string actor);

    [Alias("PackAsync")]
    Task<OrderSnapshot> PackAsync(string actor);

    /// <summary>
    /// Hands the parcel to the carrier (the sandbox carrier unless configured), which gives a tracking number. Conflict
    /// <c>address-erased</c> after <see cref="ErasePersonalDataAsync"/>, until an exception resolution fixes the address.
    /// </summary>
    [Alias("ShipAsync")]
    Task<OrderSnapshot> ShipAsync(string actor);

    /// <summary>Confirms delivery (an admin, or the shipment grain on the carrier's word); idempotent once delivered.</summary>
    [Alias("MarkDeliveredAsync")]
    Task<OrderSnapshot> MarkDeliveredAsync(string actor);

    /// <summary>
    /// Called by the shipment grain for each verified carrier event: delivery delivers the order, an exception stops it
    /// in a <see cref="OrderExceptionKind.LogisticsException"/>. Events of a parcel the order no longer ships in are ignored.
    /// </summary>
    [Alias("ApplyCarrierEventAsync")]
    Task ApplyCarrierEventAsync(CarrierEvent carrierEvent);

    /// <summary>Closes a delivered order (no return requested).</summary>
    [Alias("CompleteAsync")]
    Task<OrderSnapshot> CompleteAsync(string actor);

    /// <summary>Cancels before shipping: releases reserved stock, returns allocated stock, refunds any payment. Conflict <c>invalid-transition</c> once shipped.</summary>
    [Alias("CancelAsync")]
    Task<OrderSnapshot> CancelAsync(string reason, string actor);

    /// <summary>The customer asks to return a delivered order.</summary>
    [Alias("RequestReturnAsync")]
    Task<OrderSnapshot> RequestReturnAsync(string reason, string actor);

    /// <summary>The customer asks for a refund of a delivered order without returning it.</summary>
    [Alias("RequestRefundAsync")]
    Task<OrderSnapshot> RequestRefundAsync(string reason, string actor);

    /// <summary>An admin approves a return or refund request: the payment is refunded (returned units go back to stock).</summary>
    [Alias("ApproveRefundAsync")]
    Task<OrderSnapshot> ApproveRefundAsync(string actor);

    /// <summary>An admin rejects a return or refund request; the order is completed.</summary>
    [Alias("RejectRefundAsync")]
    Task<OrderSnapshot> RejectRefundAsync(string reason, string actor);

    /// <summary>Stops the order on a problem (warehouse, admin, carrier); it appears in the exception queue.</summary>
    [Alias("RaiseExceptionAsync")]
    Task<OrderSnapshot> RaiseExceptionAsync(OrderExceptionKind kind, string detail, string actor);

    /// <summary>
    /// An admin resolves the open exception; the resolution is recorded. Conflict <c>no-open-exception</c> when there
    /// is none; InvalidInput <c>resolution.correctedAddress</c> for a fix without an address.
    /// </summary>
    [Alias("ResolveExceptionAsync")]
    Task<OrderSnapshot> ResolveExceptionAsync(ExceptionResolution resolution, string actor);

    /// <summary>
    /// Privacy erasure of the person behind the order, in any status: the shipping address is replaced by an
    /// anonymized one (recipient, street and city <c>erased</c>, no phone, postal code, second line or region) that
    /// keeps only the country, which tax and accounting still need. Recorded in the history as
    /// <see cref="OrderTrigger.ErasePersonalData"/> (the status does not change, the customer is not notified);
    /// repeating it changes nothing.
    /// </summary>
    [Alias("ErasePersonalDataAsync")]
    Task ErasePersonalDataAsync(string actor);
}
