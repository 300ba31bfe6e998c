using System.Text.Json;
using Commerce.GrainInterfaces.Common;
using Commerce.GrainInterfaces.Inventory;
using Commerce.GrainInterfaces.Logistics;
using Commerce.GrainInterfaces.Members;
using Commerce.GrainInterfaces.Notifications;
using Commerce.GrainInterfaces.Orders;
using Commerce.GrainInterfaces.Payments;
using Commerce.Grains.Logistics;
using Commerce.Grains.Promotions;
using Commerce.Grains.Users;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Commerce.Grains.Orders;

/// <summary>
/// One order through its life: placement (validation, pricing, stock reservation, points), payment, allocation to
/// warehouses, packing, shipping with a carrier, delivery, returns and refunds, and exception orders with their
/// resolutions. Each move goes through <see cref="OrderStateMachine"/>, is written with the state, then published:
/// the read-model rows through a <see cref="ReadModelProjection{TState}"/>, the transitions to the durable stream and
/// the customer outbox; what failed to publish is retried by timers and on activation, never failing the call.
/// The shipping address is stored encrypted (<see cref="OrderState.ProtectedAddress"/>) and erased on the customer's request.
/// </summary>
[GrainType("order")]
public sealed class OrderGrain(
    [PersistentState("order")] IPersistentState<OrderState> state,
    IOptions<OrderOptions> options,
    IOptions<ReadModelProjectionOptions> projectionOptions,
    PriceCalculator pricing,
    ICarrierGateway carrier,
    IOrderReadModel readModel,
    SensitiveDataProtector protector,
    TimeProvider clock,
    ILogger<OrderGrain> logger) : Grain, IOrderGrain, IIncomingGrainCallFilter
{
    /// <summary>The reminder that cancels an order still unpaid when its reservation lapses.</summary>
    public const string PaymentExpiryReminder = "payment-expiry";

    private const string DefaultCurrency = "EUR";

    private readonly OrderOptions _options = options.Value;
    private IGrainTimer? _publishRetry;
    private ReadModelProjection<OrderState>? _rows;

    // The decrypted shipping address: only its ciphertext is in the state. Read on activation, changed only by SetAddress.
    private ShippingAddress? _address;

    private OrderState S => state.State;

    private string OrderId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (S.ProtectedAddress is { } stored) _address = UnprotectAddress(stored);
        _rows = new ReadModelProjection<OrderState>(
            $"read-model rows of order {OrderId}", state, WriteReadModelRowsAsync, this.RegisterGrainTimer, projectionOptions.Value, logger);
        // Transitions not known to be published mean the rows may be behind too, even without the stale marker: the
        // silo may have died between the state write and the row write. An idempotent upsert per such activation is cheap.
        var unpublished = S.Placed && S.PublishedSequence < S.History.Count;
        _rows.OnActivate(mayBeStale: unpublished);
        if (unpublished) SchedulePublishRetry(TimeSpan.Zero);
        return Task.CompletedTask;
    }

    /// <summary>
    /// A call that fails after it changed the in-memory state (a transition applied, stock returned) must not leave
    /// that unwritten state behind for the next call: the activation is dropped and the next call reads storage.
    /// Refusals of bad input happen before any change and keep the activation.
    /// </summary>
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (Exception ex) when (ex is not InvalidInputException and not NotFoundException)
        {
            DeactivateOnIdle();
            throw;
        }
    }

    // ---- placement -------------------------------------------------------------------------------------------

    public async Task<OrderSnapshot> PlaceAsync(PlaceOrderCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (S.Placed)
        {
            if (S.IdempotencyKey == command.IdempotencyKey && S.UserId == command.UserId) return Snapshot();
            throw new ConflictException("order-exists", $"Order {OrderId} was placed by another checkout.");
        }
        OrderValidation.Validate(command, _options);

        var quote = await pricing.QuoteAsync(GrainFactory, command.UserId, command.Items.Select(i => (i.Sku, i.Quantity)).ToArray(), DefaultCurrency);
        var unavailable = quote.Unavailable.Select(l => l.Sku).ToArray();
        if (unavailable.Length > 0) throw new ConflictException("product-unavailable", $"Not available: {string.Join(", ", unavailable)}.");
        if (command.ExpectedTotal is { } expected && expected != quote.Total)
        {
            throw new ConflictException("price-changed", $"The total is now {quote.Total}, not {expected}; review the cart again.");
        }

        var hold = _options.PaymentTimeout + _options.ReservationGrace;
        var reserved = new List<string>();
        var backordered = new List<string>();
        try
        {
            foreach (var line in command.Items)
            {
                try
                {
                    await Inventory(line.Sku).ReserveAsync(OrderId, line.Quantity, hold, allowBackorder: false);
                    reserved.Add(line.Sku);
                }
                catch (ConflictException ex) when (command.AllowBackorder && ex.Code == "out-of-stock")
                {
                    // The customer accepts waiting: the line is allocated when stock arrives (AllocateAsync).
                    backordered.Add(line.Sku);
                }
            }
        }
        catch
        {
            await Task.WhenAll(reserved.Select(sku => Inventory(sku).ReleaseAsync(OrderId)));
            throw;
        }

        var pointsDiscount = Money.Zero(quote.Total.Currency);
        if (command.RedeemPoints > 0)
        {
            try
            {
                pointsDiscount = await Member(command.UserId).ReserveRedemptionAsync(OrderId, command.RedeemPoints, quote.Total.Currency);
            }
            catch
            {
                await Task.WhenAll(reserved.Select(sku => Inventory(sku).ReleaseAsync(OrderId)));
                throw;
            }
        }

        var now = clock.GetUtcNow();
        var total = quote.Total.Subtract(pointsDiscount);
        S.Placed = true;
        S.UserId = command.UserId;
        S.IdempotencyKey = command.IdempotencyKey;
        S.Lines = quote.Lines.Select(l => new OrderLine(l.Sku, l.Name, l.Quantity, l.UnitPrice, l.LineTotal, [])).ToList();
        SetAddress(OrderValidation.Normalize(command.Address));
        S.Subtotal = quote.Subtotal;
        S.Discounts = quote.Discounts.ToList();
        S.PointsDiscount = pointsDiscount;
        S.RedeemedPoints = command.RedeemPoints;
        S.Total = total.Amount < 0 ? Money.Zero(total.Currency) : total;
        S.Refunded = Money.Zero(total.Currency);
        S.AllowBackorder = command.AllowBackorder;
        S.Unreserved = backordered;
        S.PlacedAt = now;
        S.PaymentExpiresAt = now + _options.PaymentTimeout;
        S.Status = OrderStatus.AwaitingPayment;
        S.History.Add(new OrderTransition(1, null, OrderStatus.AwaitingPayment, OrderTrigger.Place, ActorNames.User(command.UserId), now, $"{S.Lines.Count} line(s), {S.Total}"));
        await state.WriteStateAsync();
        await this.RegisterOrUpdateReminder(PaymentExpiryReminder, _options.PaymentTimeout, _options.PaymentTimeout);
        await PublishAsync();

        if (S.Total.Amount == 0) await ApplyPaymentSucceededAsync(ActorNames.System, "Nothing to pay");
        return Snapshot();
    }

    public Task<OrderSnapshot> GetAsync()
    {
        EnsurePlaced();
        return Task.FromResult(Snapshot());
    }

    // ---- payment ---------------------------------------------------------------------------------------------

    public async Task<OrderSnapshot> PayAsync(PaymentSelection payment, string actor)
    {
        EnsurePlaced();
        OrderValidation.ValidatePayment(payment);
        OrderValidation.ValidateActor(actor);
        OrderStateMachine.Next(S.Status, OrderTrigger.PaymentSucceeded);
        if (S.PaymentStatus != PaymentStatus.Pending)
        {
            S.PaymentAttempts++;
            S.PaymentId = $"{OrderId}-pay{S.PaymentAttempts}";
            S.PaymentStatus = PaymentStatus.Pending;
            S.PaymentMethod = payment;
            await state.WriteStateAsync();
        }

        // While an attempt is pending (or its call failed midway) the same request is sent again: the payment grain is
        // idempotent per payment id and answers with the attempt's current result, so nothing is charged twice.
        var method = S.PaymentMethod ?? payment;
        var result = await GrainFactory.GetGrain<IPaymentGrain>(S.PaymentId!).PayAsync(new PaymentRequest(
            S.PaymentId!, OrderId, S.UserId, S.Total, method.Method, method.MethodToken, method.BillingCountry, method.IpCountry));
        await ApplyPaymentResultAsync(result, actor);
        return Snapshot();
    }

    public async Task OnPaymentCompletedAsync(PaymentResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (!S.Placed) return;
        await ApplyPaymentResultAsync(result, "payments");
    }

    private async Task ApplyPaymentResultAsync(PaymentResult result, string actor)
    {
        if (result.PaymentId != S.PaymentId) return;
        S.PaymentStatus = result.Status;
        switch (result.Status)
        {
            case PaymentStatus.Captured or PaymentStatus.Authorized when S.Status == OrderStatus.AwaitingPayment:
                S.Captured = true;
                await ApplyPaymentSucceededAsync(actor, result.PaymentId);
                return;
            case PaymentStatus.Captured or PaymentStatus.Authorized when S.Status == OrderStatus.Cancelled && !S.Captured:
                // Captured after the order lapsed: give the money straight back.
                S.Captured = true;
                await RefundRemainingAsync("Payment arrived after the order was cancelled");
                await SaveAsync();
                return;
            case PaymentStatus.Declined or PaymentStatus.Blocked or PaymentStatus.Failed when S.Status == OrderStatus.AwaitingPayment:
                RaiseExceptionCore(OrderExceptionKind.PaymentFailed, $"Payment {result.Status.ToString().ToLowerInvariant()}: {result.Reason ?? "no reason given"}", actor, OrderTrigger.PaymentFailed);
                await SaveAsync();
                return;
            default:
                await state.WriteStateAsync();
                return;
        }
    }

    private async Task ApplyPaymentSucceededAsync(string actor, string detail)
    {
        Move(OrderTrigger.PaymentSucceeded, actor, detail);
        S.PaymentExpiresAt = null;
        if (S.RedeemedPoints > 0 && !S.PointsConfirmed)
        {
            await Member(S.UserId).ConfirmRedemptionAsync(OrderId);
            S.PointsConfirmed = true;
        }
        await SaveAsync();
        await UnregisterExpiryAsync();
        await AllocatePaidAsync(ActorNames.System);
    }

    // ---- allocation, packing, shipping -----------------------------------------------------------------------

    public async Task<OrderSnapshot> AllocateAsync(string actor)
    {
        EnsurePlaced();
        OrderValidation.ValidateActor(actor);
        OrderStateMachine.Next(S.Status, OrderTrigger.Allocate);
        if (S.Status == OrderStatus.Paid)
        {
            await AllocatePaidAsync(actor);
            return Snapshot();
        }
        // Backordered: whatever is in stock now is allocated; the rest keeps waiting.
        var complete = await CommitStockAsync(reserveNewRound: true);
        if (!complete)
        {
            await state.WriteStateAsync();
            throw new ConflictException("out-of-stock", "Some units are still not in stock.");
        }
        Move(OrderTrigger.Allocate, actor, AllocationDetail());
        await SaveAsync();
        return Snapshot();
    }

    private async Task AllocatePaidAsync(string actor)
    {
        bool complete;
        try
        {
            complete = await CommitStockAsync(reserveNewRound: false);
        }
        catch (Exception ex) when (ex is ConflictException or NotFoundException)
        {
            RaiseExceptionCore(OrderExceptionKind.OutOfStock, $"Stock could not be committed: {ex.Message}", actor, OrderTrigger.RaiseException);
            await SaveAsync();
            return;
        }
        Move(complete ? OrderTrigger.Allocate : OrderTrigger.Backorder, actor, AllocationDetail());
        await SaveAsync();
    }

    /// <summary>
    /// Commits stock for every line not yet in a warehouse and returns true when every line is. With
    /// <paramref name="reserveNewRound"/> the missing units are reserved again first (the original reservation is spent
    /// or gone); a line whose SKU is out of stock then stays missing (backordered). Without it, lines that were never
    /// reserved (backordered at placement) stay missing. Backorders are kept by the order, not by inventory, so units
    /// are only ever taken from stock that is there.
    /// </summary>
    private async Task<bool> CommitStockAsync(bool reserveNewRound)
    {
        if (reserveNewRound) S.ReservationRound++;
        var reservationId = ReservationId();
        var hold = _options.PaymentTimeout + _options.ReservationGrace;
        try
        {
            for (var i = 0; i < S.Lines.Count; i++)
            {
                var line = S.Lines[i];
                var missing = Missing(line);
                if (missing == 0) continue;
                var inventory = Inventory(line.Sku);
                if (reserveNewRound)
                {
                    try
                    {
                        await inventory.ReserveAsync(reservationId, missing, hold, allowBackorder: false);
                    }
                    catch (ConflictException ex) when (ex.Code == "out-of-stock")
                    {
                        continue;
                    }
                }
                else if (S.Unreserved.Contains(line.Sku))
                {
                    continue;
                }
                var allocations = await inventory.CommitAsync(reservationId);
                S.Lines[i] = line with
                {
                    Allocations = line.Allocations.Concat(allocations.Select(a => new LineAllocation(a.WarehouseId, a.Quantity))).ToArray(),
                };
            }
        }
        finally
        {
            S.StockCommitted = S.Lines.Any(l => l.Allocations.Count > 0);
        }
        return S.Lines.All(l => Missing(l) == 0);
    }

    public async Task<OrderSnapshot> PackAsync(string actor)
    {
        EnsurePlaced();
        OrderValidation.ValidateActor(actor);
        Move(OrderTrigger.Pack, actor, null);
        await SaveAsync();
        return Snapshot();
    }

    public async Task<OrderSnapshot> ShipAsync(string actor)
    {
        EnsurePlaced();
        OrderValidation.ValidateActor(actor);
        OrderStateMachine.Next(S.Status, OrderTrigger.Ship);
        if (ErasedAddress.IsErased(_address!))
        {
            throw new ConflictException("address-erased", "The shipping address was erased on the customer's request: fix the address (exception resolution) first.");
        }
        var tracking = await carrier.CreateShipmentAsync(GrainFactory, OrderId, _address!);
        var now = clock.GetUtcNow();
        await GrainFactory.GetGrain<IShipmentGrain>(tracking).RegisterAsync(new ShipmentRegistration(tracking, carrier.Name, OrderId, S.UserId, now));
        S.Shipment = new ShipmentInfo(carrier.Name, tracking, now);
        Move(OrderTrigger.Ship, actor, $"{carrier.Name} {tracking}");
        await SaveAsync();
        await carrier.DispatchAsync(GrainFactory, tracking);
        return Snapshot();
    }

    public async Task<OrderSnapshot> MarkDeliveredAsync(string actor)
    {
        EnsurePlaced();
        OrderValidation.ValidateActor(actor);
        if (S.DeliveredAt is not null && S.Status != OrderStatus.Exception) return Snapshot();
        OrderStateMachine.Next(S.Status, OrderTrigger.Deliver);
        await DeliverAsync(actor);
        return Snapshot();
    }

    public async Task ApplyCarrierEventAsync(CarrierEvent carrierEvent)
    {
        ArgumentNullException.ThrowIfNull(carrierEvent);
        if (!S.Placed || S.Shipment?.TrackingNumber != carrierEvent.TrackingNumber || S.AppliedCarrierEvents.Contains(carrierEvent.EventId)) return;
        S.AppliedCarrierEvents.Add(carrierEvent.EventId);
        switch (carrierEvent.Kind)
        {
            case CarrierEventKind.Delivered when OrderStateMachine.IsAllowed(S.Status, OrderTrigger.Deliver):
                await DeliverAsync(ActorNames.Carrier);
                return;
            case CarrierEventKind.Exception when OrderStateMachine.IsAllowed(S.Status, OrderTrigger.RaiseException):
                RaiseExceptionCore(OrderExceptionKind.LogisticsException, carrierEvent.Detail ?? "The carrier reported an exception.", ActorNames.Carrier, OrderTrigger.RaiseException);
                await SaveAsync();
                return;
            default:
                await state.WriteStateAsync();
                return;
        }
    }

    private async Task DeliverAsync(string actor)
    {
        var open = OpenException();
        if (open is not null) ResolveCore(open, null, "Delivered by the carrier", actor);
        Move(OrderTrigger.Deliver, actor, S.Shipment?.TrackingNumber);
        S.DeliveredAt = clock.GetUtcNow();
        if (!S.PointsEarned && S.Total.Amount > 0)
        {
            await Member(S.UserId).EarnForOrderAsync(OrderId, S.Total);
            S.PointsEarned = true;
        }
        await SaveAsync();
    }

    public async Task<OrderSnapshot> CompleteAsync(string actor)
    {
        EnsurePlaced();
        OrderValidation.ValidateActor(actor);
        Move(OrderTrigger.Complete, actor, null);
        await SaveAsync();
        return Snapshot();
    }

    // ---- cancel, returns, refunds ----------------------------------------------------------------------------

    public async Task<OrderSnapshot> CancelAsync(string reason, string actor)
    {
        EnsurePlaced();
        OrderValidation.ValidateText("reason", reason, _options.MaxTextLength);
        OrderValidation.ValidateActor(actor);
        OrderStateMachine.Next(S.Status, OrderTrigger.Cancel);
        await CancelCoreAsync(reason, actor, OrderTrigger.Cancel);
        return Snapshot();
    }

    private async Task CancelCoreAsync(string reason, string actor, OrderTrigger trigger)
    {
        if (S.Shipment is not null && S.DeliveredAt is null && S.Status == OrderStatus.Exception && OpenException()?.StatusBefore == OrderStatus.Shipped)
        {
            throw new ConflictException("invalid-transition", "The parcel has left the warehouse: refund the order instead of cancelling it.");
        }
        await ReleaseOrReturnStockAsync(reason);
        await RefundRemainingAsync(reason);
        if (S.RedeemedPoints > 0 && !S.PointsConfirmed) await Member(S.UserId).CancelRedemptionAsync(OrderId);
        var open = OpenException();
        if (open is not null) ResolveCore(open, ExceptionAction.Cancel, reason, actor);
        Move(trigger, actor, reason);
        S.PaymentExpiresAt = null;
        await SaveAsync();
        await UnregisterExpiryAsync();
    }

    public async Task<OrderSnapshot> RequestReturnAsync(string reason, string actor) => await RequestAfterDeliveryAsync(OrderTrigger.RequestReturn, reason, actor);

    public async Task<OrderSnapshot> RequestRefundAsync(string reason, string actor) => await RequestAfterDeliveryAsync(OrderTrigger.RequestRefund, reason, actor);

    private async Task<OrderSnapshot> RequestAfterDeliveryAsync(OrderTrigger trigger, string reason, string actor)
    {
        EnsurePlaced();
        OrderValidation.ValidateText("reason", reason, _options.MaxTextLength);
        OrderValidation.ValidateActor(actor);
        OrderStateMachine.Next(S.Status, trigger);
        if (S.DeliveredAt is { } delivered && clock.GetUtcNow() - delivered > _options.ReturnWindow)
        {
            throw new ConflictException("return-window-closed", $"Returns and refunds are accepted for {_options.ReturnWindow.TotalDays:0} days after delivery.");
        }
        Move(trigger, actor, reason);
        await SaveAsync();
        return Snapshot();
    }

    public async Task<OrderSnapshot> ApproveRefundAsync(string actor)
    {
        EnsurePlaced();
        OrderValidation.ValidateActor(actor);
        OrderStateMachine.Next(S.Status, OrderTrigger.Refund);
        var returned = S.Status == OrderStatus.ReturnRequested;
        if (returned) await ReturnAllocatedStockAsync($"Return of order {OrderId}");
        await RefundRemainingAsync(returned ? "Returned" : "Refund approved");
        await ReverseEarnedPointsAsync();
        Move(OrderTrigger.Refund, actor, S.Refunded.ToString());
        await SaveAsync();
        return Snapshot();
    }

    public async Task<OrderSnapshot> RejectRefundAsync(string reason, string actor)
    {
        EnsurePlaced();
        OrderValidation.ValidateText("reason", reason, _options.MaxTextLength);
        OrderValidation.ValidateActor(actor);
        Move(OrderTrigger.RejectRefund, actor, reason);
        await SaveAsync();
        return Snapshot();
    }

    // ---- exception orders ------------------------------------------------------------------------------------

    public async Task<OrderSnapshot> RaiseExceptionAsync(OrderExceptionKind kind, string detail, string actor)
    {
        EnsurePlaced();
        if (!Enum.IsDefined(kind)) throw new InvalidInputException("kind", $"Unknown exception kind {kind}.");
        if (kind == OrderExceptionKind.PaymentFailed) throw new InvalidInputException("kind", "Payment failures are raised by the payment outcome.");
        OrderValidation.ValidateText("detail", detail, _options.MaxTextLength);
        OrderValidation.ValidateActor(actor);
        RaiseExceptionCore(kind, detail, actor, OrderTrigger.RaiseException);
        await SaveAsync();
        return Snapshot();
    }

    public async Task<OrderSnapshot> ResolveExceptionAsync(ExceptionResolution resolution, string actor)
    {
        EnsurePlaced();
        ArgumentNullException.ThrowIfNull(resolution);
        if (!Enum.IsDefined(resolution.Action)) throw new InvalidInputException("resolution.action", $"Unknown action {resolution.Action}.");
        OrderValidation.ValidateText("resolution.note", resolution.Note, _options.MaxTextLength);
        OrderValidation.ValidateActor(actor);
        var open = S.Status == OrderStatus.Exception ? OpenException() : null;
        if (open is null) throw new ConflictException("no-open-exception", $"Order {OrderId} has no open exception.");

        switch (resolution.Action)
        {
            case ExceptionAction.RetryPayment:
                Require(open.Kind == OrderExceptionKind.PaymentFailed, resolution.Action, open);
                ResolveCore(open, resolution.Action, resolution.Note, actor);
                Move(OrderTrigger.RetryPayment, actor, resolution.Note);
                S.PaymentStatus = null;
                break;

            case ExceptionAction.Backorder:
                Require(open.Kind is OrderExceptionKind.OutOfStock or OrderExceptionKind.MissingItem, resolution.Action, open);
                ResolveCore(open, resolution.Action, resolution.Note, actor);
                Move(OrderTrigger.Backorder, actor, resolution.Note);
                if (await CommitStockAsync(reserveNewRound: true)) Move(OrderTrigger.Allocate, ActorNames.System, AllocationDetail());
                break;

            case ExceptionAction.Reship or ExceptionAction.FixAddress:
                Require(open.Kind != OrderExceptionKind.PaymentFailed && open.Kind != OrderExceptionKind.OutOfStock && Missing() == 0, resolution.Action, open);
                if (resolution.Action == ExceptionAction.FixAddress)
                {
                    if (resolution.CorrectedAddress is null) throw new InvalidInputException("resolution.correctedAddress", "Fixing the address needs the corrected address.");
                    OrderValidation.ValidateAddress(resolution.CorrectedAddress, "resolution.correctedAddress", _options.MaxTextLength);
                    SetAddress(OrderValidation.Normalize(resolution.CorrectedAddress));
                }
                ResolveCore(open, resolution.Action, resolution.Note, actor);
                S.Shipment = null;
                Move(resolution.Action == ExceptionAction.Reship ? OrderTrigger.Reship : OrderTrigger.FixAddress, actor, resolution.Note);
                break;

            case ExceptionAction.Refund:
                Require(S.Captured, resolution.Action, open);
                if (open.StatusBefore != OrderStatus.Shipped) await ReleaseOrReturnStockAsync(resolution.Note);
                await RefundRemainingAsync(resolution.Note);
                await ReverseEarnedPointsAsync();
                ResolveCore(open, resolution.Action, resolution.Note, actor);
                Move(OrderTrigger.Refund, actor, resolution.Note);
                break;

            case ExceptionAction.Cancel:
                await CancelCoreAsync(resolution.Note, actor, OrderTrigger.Cancel);
                return Snapshot();
        }
        await SaveAsync();
        return Snapshot();
    }

    private void RaiseExceptionCore(OrderExceptionKind kind, string detail, string actor, OrderTrigger trigger)
    {
        var before = S.Status;
        Move(trigger, actor, $"{kind}: {detail}");
        S.Exceptions.Add(new OrderExceptionRecord(S.Exceptions.Count + 1, kind, detail, before, clock.GetUtcNow(), actor, null, null, null, null));
    }

    private void ResolveCore(OrderExceptionRecord open, ExceptionAction? action, string note, string actor)
    {
        var index = S.Exceptions.IndexOf(open);
        S.Exceptions[index] = open with { Resolution = action, ResolutionNote = note, ResolvedAt = clock.GetUtcNow(), ResolvedBy = actor };
    }

    private static void Require(bool applicable, ExceptionAction action, OrderExceptionRecord open)
    {
        if (!applicable) throw new ConflictException("resolution-not-applicable", $"{action} does not resolve a {open.Kind} exception raised while {open.StatusBefore}.");
    }

    private OrderExceptionRecord? OpenException() => S.Exceptions.LastOrDefault(e => e.ResolvedAt is null);

    // ---- privacy ---------------------------------------------------------------------------------------------

    public async Task ErasePersonalDataAsync(string actor)
    {
        EnsurePlaced();
        OrderValidation.ValidateActor(actor);
        if (ErasedAddress.IsErased(_address!)) return;
        SetAddress(ErasedAddress.From(_address!));
        // Not a move of the lifecycle: the status stays, but the history shows who erased what and when.
        S.History.Add(new OrderTransition(S.History.Count + 1, S.Status, S.Status, OrderTrigger.ErasePersonalData, actor, clock.GetUtcNow(), "Shipping address anonymized"));
        await SaveAsync();
    }

    private void SetAddress(ShippingAddress address)
    {
        S.ProtectedAddress = protector.Protect(JsonSerializer.Serialize(address));
        _address = address;
    }

    private ShippingAddress UnprotectAddress(string stored) =>
        JsonSerializer.Deserialize<ShippingAddress>(protector.Unprotect(stored))
        ?? throw new InvalidOperationException($"Order {OrderId} holds an empty shipping address.");

    // ---- reservation expiry ----------------------------------------------------------------------------------

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != PaymentExpiryReminder) return;
        var unpaid = S.Status == OrderStatus.AwaitingPayment || (S.Status == OrderStatus.Exception && OpenException()?.Kind == OrderExceptionKind.PaymentFailed);
        if (!S.Placed || !unpaid)
        {
            await UnregisterExpiryAsync();
            return;
        }
        if (S.PaymentExpiresAt is { } expires && clock.GetUtcNow() < expires) return;
        await CancelCoreAsync("Not paid in time: the reservation expired", ActorNames.System, OrderTrigger.ExpireReservation);
    }

    private Task UnregisterExpiryAsync() => this.UnregisterReminderIfExistsAsync(PaymentExpiryReminder);

    // ---- stock and money helpers -----------------------------------------------------------------------------

    private async Task ReleaseOrReturnStockAsync(string reason)
    {
        var reservationId = ReservationId();
        foreach (var line in S.Lines)
        {
            if (Missing(line) > 0) await Inventory(line.Sku).ReleaseAsync(reservationId);
        }
        await ReturnAllocatedStockAsync(reason);
    }

    private async Task ReturnAllocatedStockAsync(string reason)
    {
        var round = S.StockReturnRounds + 1;
        for (var i = 0; i < S.Lines.Count; i++)
        {
            var line = S.Lines[i];
            foreach (var allocation in line.Allocations)
            {
                var returnId = $"{OrderId}:return:{round}:{i}:{allocation.WarehouseId}";
                await Inventory(line.Sku).ReturnAsync(returnId, allocation.WarehouseId, allocation.Quantity, $"{OrderId}: {reason}");
            }
            // Returned once: a later unwind must not put the same units back again.
            S.Lines[i] = line with { Allocations = [] };
        }
        S.StockCommitted = false;
        S.StockReturnRounds = round;
    }

    private async Task RefundRemainingAsync(string reason)
    {
        if (!S.Captured || S.PaymentId is null) return;
        var remaining = S.Total.Subtract(S.Refunded);
        if (remaining.Amount <= 0) return;
        var refundNumber = S.History.Count(t => t.Trigger == OrderTrigger.Refund) + 1;
        await GrainFactory.GetGrain<IPaymentGrain>(S.PaymentId).RefundAsync($"{OrderId}-refund{refundNumber}", remaining, reason);
        S.Refunded = S.Refunded.Add(remaining);
    }

    private async Task ReverseEarnedPointsAsync()
    {
        if (!S.PointsEarned) return;
        await Member(S.UserId).ReverseEarnForOrderAsync(OrderId);
        S.PointsEarned = false;
    }

    private int Missing() => S.Lines.Sum(Missing);

    private static int Missing(OrderLine line) => line.Quantity - line.Allocations.Sum(a => a.Quantity);

    private string ReservationId() => S.ReservationRound == 0 ? OrderId : $"{OrderId}-r{S.ReservationRound}";

    private string AllocationDetail() =>
        string.Join("; ", S.Lines.Select(l => $"{l.Sku}: {string.Join(", ", l.Allocations.Select(a => $"{a.Quantity}@{a.WarehouseId}"))}"));

    private IInventoryGrain Inventory(string sku) => GrainFactory.GetGrain<IInventoryGrain>(sku);

    private IMemberGrain Member(string userId) => GrainFactory.GetGrain<IMemberGrain>(userId);

    // ---- transitions and publishing --------------------------------------------------------------------------

    private void EnsurePlaced()
    {
        if (!S.Placed) throw new NotFoundException("order", OrderId);
    }

    private void Move(OrderTrigger trigger, string actor, string? detail)
    {
        var from = S.Status;
        var to = OrderStateMachine.Next(from, trigger);
        S.Status = to;
        S.History.Add(new OrderTransition(S.History.Count + 1, from, to, trigger, actor, clock.GetUtcNow(), detail));
    }

    private async Task SaveAsync()
    {
        await state.WriteStateAsync();
        await PublishAsync();
    }

    /// <summary>Publishes the order after its state was written: read-model rows, then the transitions not yet published.</summary>
    private async Task PublishAsync()
    {
        await Rows.PublishAsync();
        await PublishTransitionsAsync();
    }

    private ReadModelProjection<OrderState> Rows => _rows ?? throw new InvalidOperationException("The order grain is not activated.");

    /// <summary>The order's summary row and its exception-queue rows, as the state is now (versioned upserts).</summary>
    private async Task WriteReadModelRowsAsync(CancellationToken cancellationToken)
    {
        var last = S.History[^1];
        await readModel.UpsertOrderAsync(
            new OrderSummary(OrderId, S.UserId, S.Status, S.Total, S.Lines.Sum(l => l.Quantity), S.PlacedAt, last.At, last.Sequence), cancellationToken);
        foreach (var exception in S.Exceptions) await readModel.UpsertExceptionAsync(new ExceptionQueueEntry(OrderId, S.UserId, exception), cancellationToken);
    }

    /// <summary>Publishes every transition not yet published: stream event, customer notification.</summary>
    private async Task PublishTransitionsAsync()
    {
        try
        {
            var stream = this.DomainEventStream<OrderEvent>(OrderEvent.StreamNamespace);
            var outbox = GrainFactory.GetGrain<INotificationOutboxGrain>(S.UserId);
            foreach (var transition in S.History.Skip(S.PublishedSequence).ToArray())
            {
                await stream.OnNextAsync(new OrderEvent(OrderId, S.UserId, transition.Sequence, transition.From, transition.To, transition.Trigger,
                    transition.Actor, transition.At, transition.Detail, S.Total.Amount, S.Total.Currency));
                if (OrderNotifications.For(OrderId, transition, S) is { } notification) await outbox.AppendAsync(notification);
                S.PublishedSequence = transition.Sequence;
            }
            _publishRetry?.Dispose();
            _publishRetry = null;
        }
        catch (Exception ex)
        {
            // The state is written; consumers dedupe by sequence, so publishing again later is safe.
            logger.LogWarning(ex, "Publishing transitions of order {OrderId} failed; retrying.", OrderId);
            SchedulePublishRetry(_options.PublishRetryInterval);
        }
    }

    private void SchedulePublishRetry(TimeSpan due) =>
        _publishRetry ??= this.RegisterGrainTimer(_ => PublishTransitionsAsync(), new GrainTimerCreationOptions(due, _options.PublishRetryInterval) { KeepAlive = true });

    private OrderSnapshot Snapshot()
    {
        var unpaid = S.Status == OrderStatus.AwaitingPayment || (S.Status == OrderStatus.Exception && OpenException()?.Kind == OrderExceptionKind.PaymentFailed);
        return new OrderSnapshot(OrderId, S.UserId, S.Status, S.Lines.ToArray(), _address!, S.Subtotal, S.Discounts.ToArray(), S.PointsDiscount, S.Total,
            S.Refunded, S.PaymentId, S.Shipment, S.Status == OrderStatus.Exception ? OpenException() : null, S.Exceptions.ToArray(), S.History.ToArray(),
            S.PlacedAt, unpaid ? S.PaymentExpiresAt : null, S.DeliveredAt);
    }
}
