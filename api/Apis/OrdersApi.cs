using System.Security.Claims;
using Commerce.Api.Errors;
using Commerce.Api.Security;
using Commerce.GrainInterfaces.Common;
using Commerce.GrainInterfaces.Logistics;
using Commerce.GrainInterfaces.Members;
using Commerce.GrainInterfaces.Notifications;
using Commerce.GrainInterfaces.Orders;
using Orleans;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Commerce.Api.Apis;

/// <summary>The signed-in customer's orders, parcel tracking, loyalty points and notifications.</summary>
public static class OrdersApi
{
    public const int MaxPageSize = 100;

    public static IEndpointRouteBuilder MapOrdersApi(this IEndpointRouteBuilder routes)
    {
        var orders = routes.MapGroup("/orders").WithTags("Orders").RequireAuthorization();
        orders.MapGet("/", ListAsync).WithName("ListMyOrders").WithSummary("The customer's orders, newest first.");
        orders.MapGet("/{orderId}", GetAsync).WithName("GetMyOrder").WithSummary("One of the customer's orders.");
        orders.MapPost("/{orderId}/pay", PayAsync).WithName("PayMyOrder").WithSummary("Pays an order awaiting payment.");
        orders.MapPost("/{orderId}/cancel", CancelAsync).WithName("CancelMyOrder").WithSummary("Cancels an order before it ships.");
        orders.MapPost("/{orderId}/return", RequestReturnAsync).WithName("RequestReturn").WithSummary("Asks to return a delivered order.");
        orders.MapPost("/{orderId}/refund", RequestRefundAsync).WithName("RequestRefund").WithSummary("Asks for a refund of a delivered order without returning it.");
        orders.MapGet("/{orderId}/tracking", TrackAsync).WithName("TrackMyOrder").WithSummary("The parcel's progress and carrier events.");

        var me = routes.MapGroup("/me").WithTags("Account").RequireAuthorization();
        me.MapGet("/points", GetPointsAsync).WithName("GetMyPoints").WithSummary("Loyalty points, tier and benefits.");
        me.MapGet("/notifications", PollNotificationsAsync).WithName("PollMyNotifications").WithSummary("Notifications after a cursor (0 for all); poll again with nextCursor.");
        return routes;
    }

    public sealed record ReasonRequest(string Reason);

    internal static async Task<Ok<ResultPage<OrderSummary>>> ListAsync(ClaimsPrincipal user, IGrainFactory grains, int page = 1, int pageSize = 20) =>
        TypedResults.Ok(await grains.GetGrain<IOrderQueryGrain>("orders").GetByUserAsync(user.UserId(), Edge.Range("page", page, 1, 10_000), Edge.Range("pageSize", pageSize, 1, MaxPageSize)));

    internal static async Task<Ok<OrderSnapshot>> GetAsync(string orderId, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await OwnAsync(grains, user, orderId));

    internal static async Task<Ok<OrderSnapshot>> PayAsync(string orderId, PaymentSelection payment, ClaimsPrincipal user, IGrainFactory grains)
    {
        await OwnAsync(grains, user, orderId);
        return TypedResults.Ok(await grains.GetGrain<IOrderGrain>(orderId).PayAsync(payment, Actors.Of(user)));
    }

    internal static async Task<Ok<OrderSnapshot>> CancelAsync(string orderId, ReasonRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        await OwnAsync(grains, user, orderId);
        return TypedResults.Ok(await grains.GetGrain<IOrderGrain>(orderId).CancelAsync(Reason(request), Actors.Of(user)));
    }

    internal static async Task<Ok<OrderSnapshot>> RequestReturnAsync(string orderId, ReasonRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        await OwnAsync(grains, user, orderId);
        return TypedResults.Ok(await grains.GetGrain<IOrderGrain>(orderId).RequestReturnAsync(Reason(request), Actors.Of(user)));
    }

    internal static async Task<Ok<OrderSnapshot>> RequestRefundAsync(string orderId, ReasonRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        await OwnAsync(grains, user, orderId);
        return TypedResults.Ok(await grains.GetGrain<IOrderGrain>(orderId).RequestRefundAsync(Reason(request), Actors.Of(user)));
    }

    internal static async Task<Ok<TrackingView>> TrackAsync(string orderId, ClaimsPrincipal user, IGrainFactory grains)
    {
        var order = await OwnAsync(grains, user, orderId);
        if (order.Shipment is null) throw new NotFoundException("shipment", orderId);
        return TypedResults.Ok(await grains.GetGrain<IShipmentGrain>(order.Shipment.TrackingNumber).GetTrackingAsync());
    }

    internal static async Task<Ok<MemberSnapshot>> GetPointsAsync(ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IMemberGrain>(user.UserId()).GetAsync());

    internal static async Task<Ok<NotificationPage>> PollNotificationsAsync(ClaimsPrincipal user, IGrainFactory grains, long after = 0, int max = 50)
    {
        if (after < 0) throw new InvalidInputException("after", "'after' must not be negative.");
        return TypedResults.Ok(await grains.GetGrain<INotificationOutboxGrain>(user.UserId()).PollAsync(after, Edge.Range("max", max, 1, 100)));
    }

    /// <summary>The order, if it is the caller's; someone else's order is 404, not 403, so order numbers cannot be probed.</summary>
    private static async Task<OrderSnapshot> OwnAsync(IGrainFactory grains, ClaimsPrincipal user, string orderId)
    {
        var order = await grains.GetGrain<IOrderGrain>(Identifiers.RequireId("orderId", orderId)).GetAsync();
        return order.UserId == user.UserId() ? order : throw new NotFoundException("order", orderId);
    }

    private static string Reason(ReasonRequest request) => Edge.OptionalText("reason", request.Reason, 500) ?? "";
}
