using System.Security.Claims;
using Commerce.Api.Auditing;
using Commerce.Api.Errors;
using Commerce.Api.Security;
using Commerce.GrainInterfaces.Common;
using Commerce.GrainInterfaces.Orders;
using Commerce.GrainInterfaces.Payments;
using Orleans;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Commerce.Api.Apis;

/// <summary>
/// Orders for staff: support reads orders and works the exception queue and refund requests, operations
/// moves orders through the warehouse, admins refund payments and reconcile. Every change is audited.
/// </summary>
public static class AdminOrdersApi
{
    public const int MaxPageSize = 100;

    public static IEndpointRouteBuilder MapAdminOrdersApi(this IEndpointRouteBuilder routes)
    {
        var orders = routes.MapGroup("/admin/orders").WithTags("Admin: orders")
            .RequireAuthorization(Policies.Staff).AddEndpointFilter<AdminAuditFilter>();
        orders.MapGet("/", ListAsync).WithName("ListOrdersByStatus").WithSummary("Orders in a status, oldest update first (work queues).");
        orders.MapGet("/exceptions", ExceptionQueueAsync).WithName("GetExceptionQueue").WithSummary("Open exception orders, oldest first (with resolved ones on request).");
        orders.MapGet("/{orderId}", GetAsync).WithName("GetOrderForAdmin").WithSummary("An order with its history and exceptions.");
        orders.MapPost("/{orderId}/allocate", (string orderId, ClaimsPrincipal user, IGrainFactory grains) => StepAsync(grains, orderId, o => o.AllocateAsync(Actors.Of(user))))
            .WithName("AllocateOrder").WithSummary("Allocates a paid or backordered order to warehouses.").RequireAuthorization(Policies.Operations);
        orders.MapPost("/{orderId}/pack", (string orderId, ClaimsPrincipal user, IGrainFactory grains) => StepAsync(grains, orderId, o => o.PackAsync(Actors.Of(user))))
            .WithName("PackOrder").WithSummary("Marks an allocated order packed.").RequireAuthorization(Policies.Operations);
        orders.MapPost("/{orderId}/ship", (string orderId, ClaimsPrincipal user, IGrainFactory grains) => StepAsync(grains, orderId, o => o.ShipAsync(Actors.Of(user))))
            .WithName("ShipOrder").WithSummary("Hands the parcel to the carrier; the order gets a tracking number.").RequireAuthorization(Policies.Operations);
        orders.MapPost("/{orderId}/deliver", (string orderId, ClaimsPrincipal user, IGrainFactory grains) => StepAsync(grains, orderId, o => o.MarkDeliveredAsync(Actors.Of(user))))
            .WithName("MarkOrderDelivered").WithSummary("Confirms delivery.").RequireAuthorization(Policies.Operations);
        orders.MapPost("/{orderId}/cancel", (string orderId, ReasonBody body, ClaimsPrincipal user, IGrainFactory grains) => StepAsync(grains, orderId, o => o.CancelAsync(body.Reason, Actors.Of(user))))
            .WithName("CancelOrderForCustomer").WithSummary("Cancels an order before it ships.").RequireAuthorization(Policies.Support);
        orders.MapPost("/{orderId}/exceptions", RaiseAsync).WithName("RaiseOrderException").WithSummary("Stops an order on a problem; it joins the exception queue.")
            .RequireAuthorization(Policies.Support);
        orders.MapPost("/{orderId}/exceptions/resolve", ResolveAsync).WithName("ResolveOrderException")
            .WithSummary("Resolves the open exception: refund, reship, fix address, backorder, cancel or retry payment.").RequireAuthorization(Policies.Support);
        orders.MapPost("/{orderId}/refund/approve", (string orderId, ClaimsPrincipal user, IGrainFactory grains) => StepAsync(grains, orderId, o => o.ApproveRefundAsync(Actors.Of(user))))
            .WithName("ApproveRefund").WithSummary("Approves a return or refund request: the payment is refunded.").RequireAuthorization(Policies.Support);
        orders.MapPost("/{orderId}/refund/reject", (string orderId, ReasonBody body, ClaimsPrincipal user, IGrainFactory grains) => StepAsync(grains, orderId, o => o.RejectRefundAsync(body.Reason, Actors.Of(user))))
            .WithName("RejectRefund").WithSummary("Rejects a return or refund request; the order completes.").RequireAuthorization(Policies.Support);

        var payments = routes.MapGroup("/admin/payments").WithTags("Admin: payments")
            .RequireAuthorization(Policies.Admin).AddEndpointFilter<AdminAuditFilter>();
        payments.MapGet("/{paymentId}", GetPaymentAsync).WithName("GetPayment").WithSummary("A payment with its refunds.");
        payments.MapPost("/{paymentId}/refunds", RefundAsync).WithName("RefundPayment").WithSummary("Refunds part or all of a captured payment (idempotent per refund id).");
        payments.MapPost("/reconciliation", ReconcileAsync).WithName("RunReconciliation").WithSummary("Matches the gateway's records with our payments for a period.");
        payments.MapGet("/reconciliation", GetReconciliationAsync).WithName("GetReconciliationReport").WithSummary("The last reconciliation report.");
        return routes;
    }

    public sealed record ReasonBody(string Reason);

    public sealed record RaiseBody(OrderExceptionKind Kind, string Detail);

    public sealed record RefundBody(string RefundId, Money Amount, string Reason);

    public sealed record ReconcileBody(DateTimeOffset From, DateTimeOffset To);

    internal static async Task<Ok<ResultPage<OrderSummary>>> ListAsync(IGrainFactory grains, string status = "paid", int page = 1, int pageSize = 20) =>
        TypedResults.Ok(await grains.GetGrain<IOrderQueryGrain>("orders").GetByStatusAsync(
            Edge.OptionalEnum<OrderStatus>("status", status)!.Value, Edge.Range("page", page, 1, 10_000), Edge.Range("pageSize", pageSize, 1, MaxPageSize)));

    internal static async Task<Ok<ResultPage<ExceptionQueueEntry>>> ExceptionQueueAsync(IGrainFactory grains, bool includeResolved = false, int page = 1, int pageSize = 20) =>
        TypedResults.Ok(await grains.GetGrain<IOrderQueryGrain>("orders").GetExceptionQueueAsync(includeResolved, Edge.Range("page", page, 1, 10_000), Edge.Range("pageSize", pageSize, 1, MaxPageSize)));

    internal static async Task<Ok<OrderSnapshot>> GetAsync(string orderId, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IOrderGrain>(Identifiers.RequireId("orderId", orderId)).GetAsync());

    internal static Task<Ok<OrderSnapshot>> RaiseAsync(string orderId, RaiseBody body, ClaimsPrincipal user, IGrainFactory grains) =>
        StepAsync(grains, orderId, o => o.RaiseExceptionAsync(body.Kind, body.Detail, Actors.Of(user)));

    internal static Task<Ok<OrderSnapshot>> ResolveAsync(string orderId, ExceptionResolution resolution, ClaimsPrincipal user, IGrainFactory grains) =>
        StepAsync(grains, orderId, o => o.ResolveExceptionAsync(resolution, Actors.Of(user)));

    internal static async Task<Ok<PaymentSnapshot>> GetPaymentAsync(string paymentId, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IPaymentGrain>(Identifiers.RequireId("paymentId", paymentId)).GetAsync());

    internal static async Task<Ok<RefundResult>> RefundAsync(string paymentId, RefundBody body, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IPaymentGrain>(Identifiers.RequireId("paymentId", paymentId)).RefundAsync(Identifiers.RequireId("refundId", body.RefundId), body.Amount, body.Reason));

    internal static async Task<Ok<ReconciliationReport>> ReconcileAsync(ReconcileBody body, IGrainFactory grains)
    {
        if (body.To <= body.From) throw new InvalidInputException("to", "'to' must be after 'from'.");
        return TypedResults.Ok(await grains.GetGrain<IReconciliationGrain>(ExchangeRateKeys.Default).ReconcileAsync(body.From, body.To));
    }

    internal static async Task<Results<Ok<ReconciliationReport>, NotFound>> GetReconciliationAsync(IGrainFactory grains) =>
        await grains.GetGrain<IReconciliationGrain>(ExchangeRateKeys.Default).GetLastReportAsync() is { } report ? TypedResults.Ok(report) : TypedResults.NotFound();

    private static async Task<Ok<OrderSnapshot>> StepAsync(IGrainFactory grains, string orderId, Func<IOrderGrain, Task<OrderSnapshot>> step) =>
        TypedResults.Ok(await step(grains.GetGrain<IOrderGrain>(Identifiers.RequireId("orderId", orderId))));
}
