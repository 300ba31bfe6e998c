using Commerce.GrainInterfaces.Cart;
using Commerce.GrainInterfaces.Common;
using Commerce.GrainInterfaces.Orders;
using Microsoft.Extensions.Options;

namespace Commerce.Grains.Orders;

/// <summary>
/// One checkout attempt, keyed <c>{userId}:{idempotencyKey}</c> (<see cref="CheckoutKeys"/>). Its turns never interleave, so concurrent retries
/// queue behind the first; the order number is taken and written before the order is placed, so every retry, even
/// after a crash, lands on the same order.
/// </summary>
[GrainType("checkout")]
public sealed class CheckoutGrain(
    [PersistentState("checkout")] IPersistentState<CheckoutState> state,
    IOptions<OrderOptions> options,
    TimeProvider clock) : Grain, ICheckoutGrain
{
    private const string CartKind = "cart";
    private const string BuyNowKind = "buy-now";

    public async Task<OrderSnapshot> PlaceFromCartAsync(CheckoutRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (userId, idempotencyKey) = ParseKey(request.UserId);
        OrderValidation.ValidateAddress(request.Address, "address", options.Value.MaxTextLength);
        if (request.ExpectedTotal is null) throw new InvalidInputException("expectedTotal", "The total of the cart preview is required.");
        if (request.Payment is not null) OrderValidation.ValidatePayment(request.Payment);
        CheckKind(CartKind);

        if (await ExistingOrderAsync() is { } existing) return await PayOnceAsync(existing, request.Payment, userId);

        var cart = GrainFactory.GetGrain<ICartGrain>(CartKeys.ForUser(userId));
        var selected = (await cart.GetAsync()).Lines.Where(l => l.Selected).ToArray();
        if (selected.Length == 0) throw new ConflictException("empty-cart", "No cart lines are selected for checkout.");

        var order = await PlaceAsync(CartKind, new PlaceOrderCommand(userId, idempotencyKey, selected.Select(l => new OrderLineRequest(l.Sku, l.Quantity)).ToArray(),
            request.Address, request.ExpectedTotal, request.RedeemPoints, request.AllowBackorder));
        await cart.RemoveItemsAsync(selected.Select(l => l.Sku).ToArray());
        return await PayOnceAsync(order, request.Payment, userId);
    }

    public async Task<OrderSnapshot> BuyNowAsync(BuyNowRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (userId, idempotencyKey) = ParseKey(request.UserId);
        OrderValidation.ValidatePayment(request.Payment);
        CheckKind(BuyNowKind);

        if (await ExistingOrderAsync() is { } existing) return await PayOnceAsync(existing, request.Payment, userId);

        var order = await PlaceAsync(BuyNowKind, new PlaceOrderCommand(userId, idempotencyKey, [new OrderLineRequest(request.Sku, request.Quantity)],
            request.Address, request.ExpectedTotal, 0, false));
        return await PayOnceAsync(order, request.Payment, userId);
    }

    public Task<string?> GetOrderIdAsync() => Task.FromResult(state.State.OrderId);

    private async Task<OrderSnapshot> PlaceAsync(string kind, PlaceOrderCommand command)
    {
        if (state.State.OrderId is null)
        {
            state.State.OrderId = await GrainFactory.GetGrain<IOrderNumberGrain>(OrderNumberGrain.DayKey(clock.GetUtcNow())).NextAsync();
            state.State.Kind = kind;
            await state.WriteStateAsync();
        }
        return await GrainFactory.GetGrain<IOrderGrain>(state.State.OrderId).PlaceAsync(command);
    }

    /// <summary>The order an earlier attempt placed, or null when none was (or the placement was refused).</summary>
    private async Task<OrderSnapshot?> ExistingOrderAsync()
    {
        if (state.State.OrderId is not { } orderId) return null;
        try
        {
            return await GrainFactory.GetGrain<IOrderGrain>(orderId).GetAsync();
        }
        catch (NotFoundException)
        {
            return null;
        }
    }

    /// <summary>Pays only an order nobody tried to pay yet: a retried checkout never charges twice.</summary>
    private async Task<OrderSnapshot> PayOnceAsync(OrderSnapshot order, PaymentSelection? payment, string userId)
    {
        if (payment is null || order.Status != OrderStatus.AwaitingPayment || order.PaymentId is not null) return order;
        return await GrainFactory.GetGrain<IOrderGrain>(order.OrderId).PayAsync(payment, ActorNames.User(userId));
    }

    private (string UserId, string IdempotencyKey) ParseKey(string requestUserId)
    {
        if (!CheckoutKeys.TryParse(this.GetPrimaryKeyString(), out var userId, out var idempotencyKey))
        {
            throw new InvalidInputException("idempotencyKey", "A checkout is keyed '{userId}:{idempotencyKey}'.");
        }
        if (!string.Equals(userId, requestUserId, StringComparison.Ordinal)) throw new InvalidInputException("userId", "The checkout belongs to another user.");
        return (userId, idempotencyKey);
    }

    private void CheckKind(string kind)
    {
        if (state.State.Kind is { } used && used != kind)
        {
            throw new ConflictException("idempotency-key-reused", $"This idempotency key was used for a {used} checkout.");
        }
    }
}
