using Commerce.GrainInterfaces.Catalog;
using Commerce.GrainInterfaces.Common;
using Commerce.GrainInterfaces.Inventory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Commerce.Grains.Inventory;

/// <summary>
/// Stock of one SKU across warehouses. Non-reentrant: reservations are decided one at a time against the
/// persisted counters, so concurrent buyers can never oversell. Every change is written before it is
/// acknowledged. Reservation expiry is persisted with each reservation and driven by a reminder, so held
/// stock returns even if the grain was deactivated or its silo lost; reads already discount expired holds.
/// </summary>
[GrainType("inventory")]
public sealed class InventoryGrain(
    [PersistentState("inventory")] IPersistentState<InventoryState> state,
    IOptions<InventoryOptions> options,
    TimeProvider clock,
    ILogger<InventoryGrain> logger) : Grain, IInventoryGrain
{
    private const string ExpiryReminder = "expire-reservations";

    /// <summary>Longest reservation id, warehouse id, actor or reason. 200 characters.</summary>
    private const int MaxIdLength = 200;

    private readonly InventoryOptions _options = options.Value;

    private InventoryState Stock => state.State;

    private string Sku => this.GetPrimaryKeyString();

    public Task<StockLevel> GetAsync() => Task.FromResult(Level(clock.GetUtcNow()));

    public Task<IReadOnlyList<LowStockAlert>> GetLowStockAlertsAsync() =>
        Task.FromResult<IReadOnlyList<LowStockAlert>>(Enumerable.Reverse(Stock.Alerts).ToArray());

    public Task<ReservationInfo?> GetReservationAsync(string reservationId)
    {
        var id = ValidateId(reservationId, "reservationId");
        if (!Stock.Reservations.TryGetValue(id, out var r)) return Task.FromResult<ReservationInfo?>(null);
        var status = r.Status == ReservationStatus.Pending && r.ExpiresAt <= clock.GetUtcNow() ? ReservationStatus.Expired : r.Status;
        return Task.FromResult<ReservationInfo?>(new ReservationInfo(id, r.Quantity, r.Backordered, status, r.ExpiresAt, r.Allocations.ToArray()));
    }

    public async Task SetStockAsync(string warehouseId, int onHand, string actor)
    {
        var warehouse = ValidateId(warehouseId, "warehouseId");
        ValidateId(actor, "actor");
        if (onHand < 0 || onHand > _options.MaxOnHand) throw new InvalidInputException("onHand", $"On-hand stock is 0 to {_options.MaxOnHand}.");
        var now = clock.GetUtcNow();
        ExpireDue(now);
        var stock = WarehouseOf(warehouse);
        if (onHand < stock.Reserved)
            throw new ConflictException("below-reserved", $"Warehouse '{warehouse}' holds {stock.Reserved} reserved units of '{Sku}'; on hand cannot be {onHand}.");
        stock.OnHand = onHand;
        await SaveAndNotifyAsync(now);
    }

    public Task ReceiveAsync(string warehouseId, int quantity, string actor)
    {
        ValidateId(actor, "actor");
        return AddStockAsync(warehouseId, quantity);
    }

    public async Task ReturnAsync(string returnId, string warehouseId, int quantity, string reason)
    {
        var id = ValidateId(returnId, "returnId");
        ValidateId(reason, "reason");
        if (Stock.AppliedReturns.ContainsKey(id)) return;
        var now = clock.GetUtcNow();
        Stock.AppliedReturns[id] = now;
        RememberUntil(now + _options.ReservationRetention);
        try
        {
            await AddStockAsync(warehouseId, quantity);
        }
        catch
        {
            Stock.AppliedReturns.Remove(id);
            throw;
        }
    }

    public async Task<StockReservation> ReserveAsync(string reservationId, int quantity, TimeSpan hold, bool allowBackorder)
    {
        var id = ValidateId(reservationId, "reservationId");
        if (quantity < 1 || quantity > _options.MaxReservationQuantity)
            throw new InvalidInputException("quantity", $"A reservation is for 1 to {_options.MaxReservationQuantity} units.");
        if (hold <= TimeSpan.Zero || hold > _options.MaxHold)
            throw new InvalidInputException("hold", $"A hold lasts more than zero and at most {_options.MaxHold}.");

        if (Stock.Reservations.TryGetValue(id, out var existing))
        {
            if (existing.Quantity != quantity)
                throw new ConflictException("reservation-mismatch", $"Reservation '{id}' exists for {existing.Quantity} units, not {quantity}.");
            return ToReservation(id, existing);
        }

        var now = clock.GetUtcNow();
        ExpireDue(now);
        var available = Available();
        if (quantity > available && !allowBackorder)
            throw new ConflictException("out-of-stock", $"Only {available} units of '{Sku}' are available; {quantity} were asked for.");

        var reservation = new ReservationState
        {
            Quantity = quantity,
            ExpiresAt = now + hold,
            Status = ReservationStatus.Pending,
        };
        var toHold = Math.Min(quantity, available);
        // Most stocked warehouse first: fewer split shipments.
        foreach (var (warehouse, stock) in Stock.Warehouses.OrderByDescending(w => w.Value.OnHand - w.Value.Reserved).ThenBy(w => w.Key, StringComparer.Ordinal))
        {
            if (toHold == 0) break;
            var take = Math.Min(toHold, stock.OnHand - stock.Reserved);
            if (take <= 0) continue;
            stock.Reserved += take;
            reservation.Held[warehouse] = take;
            toHold -= take;
        }
        reservation.Backordered = quantity - reservation.Held.Values.Sum();
        if (reservation.Backordered > 0) reservation.ExpectedDate = Stock.BackorderExpected;
        Stock.Reservations[id] = reservation;
        if (Stock.NextExpiryAt is null || reservation.ExpiresAt < Stock.NextExpiryAt) Stock.NextExpiryAt = reservation.ExpiresAt;
        await ScheduleExpiryAsync(now);
        await SaveAndNotifyAsync(now);
        return ToReservation(id, reservation);
    }

    public async Task<IReadOnlyList<WarehouseAllocation>> CommitAsync(string reservationId)
    {
        var id = ValidateId(reservationId, "reservationId");
        if (!Stock.Reservations.TryGetValue(id, out var reservation)) throw new NotFoundException("reservation", id);
        var now = clock.GetUtcNow();
        ExpireDue(now);
        switch (reservation.Status)
        {
            case ReservationStatus.Committed:
                return reservation.Allocations.ToArray();
            case ReservationStatus.Released or ReservationStatus.Expired:
                throw new ConflictException("reservation-expired", $"Reservation '{id}' was {reservation.Status.ToString().ToLowerInvariant()}; reserve again.");
        }

        var allocations = new List<WarehouseAllocation>();
        foreach (var (warehouse, held) in reservation.Held.OrderBy(h => h.Key, StringComparer.Ordinal))
        {
            var stock = WarehouseOf(warehouse);
            stock.Reserved -= held;
            stock.OnHand -= held;
            allocations.Add(new WarehouseAllocation(warehouse, held));
        }
        // Stock that arrived since the reservation covers its backordered units first.
        var owed = reservation.Backordered;
        var coverable = Math.Min(owed, Available());
        foreach (var (warehouse, stock) in Stock.Warehouses.OrderByDescending(w => w.Value.OnHand - w.Value.Reserved).ThenBy(w => w.Key, StringComparer.Ordinal))
        {
            if (coverable == 0) break;
            var take = Math.Min(coverable, stock.OnHand - stock.Reserved);
            if (take <= 0) continue;
            stock.OnHand -= take;
            coverable -= take;
            owed -= take;
            var i = allocations.FindIndex(a => a.WarehouseId == warehouse);
            if (i >= 0) allocations[i] = allocations[i] with { Quantity = allocations[i].Quantity + take };
            else allocations.Add(new WarehouseAllocation(warehouse, take));
        }
        if (owed > 0)
        {
            Stock.BackorderOwed += owed;
            allocations.Add(new WarehouseAllocation(WarehouseAllocation.Backorder, owed));
        }
        reservation.Held.Clear();
        reservation.Status = ReservationStatus.Committed;
        reservation.EndedAt = now;
        RememberUntil(now + _options.ReservationRetention);
        reservation.Allocations = allocations;
        await SaveAndNotifyAsync(now);
        return allocations.ToArray();
    }

    public async Task ReleaseAsync(string reservationId)
    {
        var id = ValidateId(reservationId, "reservationId");
        if (!Stock.Reservations.TryGetValue(id, out var reservation)) return;
        var now = clock.GetUtcNow();
        ExpireDue(now);
        if (reservation.Status == ReservationStatus.Committed)
            throw new ConflictException("reservation-committed", $"Reservation '{id}' was committed; return the units with ReturnAsync.");
        if (reservation.Status != ReservationStatus.Pending) return;
        End(reservation, ReservationStatus.Released, now);
        await SaveAndNotifyAsync(now);
    }

    public async Task SetBackorderDateAsync(DateOnly? expected)
    {
        Stock.BackorderExpected = expected;
        await SaveAndNotifyAsync(clock.GetUtcNow());
    }

    public async Task SetLowStockThresholdAsync(int threshold)
    {
        if (threshold < 0 || threshold > _options.MaxOnHand) throw new InvalidInputException("threshold", $"A threshold is 0 to {_options.MaxOnHand}.");
        Stock.LowStockThreshold = threshold;
        Stock.LowStockRaised = false;
        await SaveAndNotifyAsync(clock.GetUtcNow());
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ExpiryReminder)
        {
            await this.CancelScheduleAsync(reminderName);
            return;
        }
        var now = clock.GetUtcNow();
        ExpireDue(now);
        Stock.ExpiryReminderAt = null;
        if (Stock.NextExpiryAt is null) await this.CancelScheduleAsync(ExpiryReminder);
        else await ScheduleExpiryAsync(now);
        await SaveAndNotifyAsync(now);
    }

    private async Task AddStockAsync(string warehouseId, int quantity)
    {
        var warehouse = ValidateId(warehouseId, "warehouseId");
        var stock = WarehouseOf(warehouse);
        if (quantity < 1 || quantity > _options.MaxOnHand - stock.OnHand)
            throw new InvalidInputException("quantity", $"A quantity is at least 1 and keeps on-hand stock at most {_options.MaxOnHand}.");
        var now = clock.GetUtcNow();
        ExpireDue(now);
        stock.OnHand += quantity;
        await SaveAndNotifyAsync(now);
    }

    /// <summary>Ends pending reservations whose hold ran out and forgets ended ones past retention; O(reservations) only when one is due.</summary>
    private void ExpireDue(DateTimeOffset now)
    {
        if (!(Stock.NextExpiryAt <= now || Stock.NextPruneAt <= now)) return;
        DateTimeOffset? nextExpiry = null;
        DateTimeOffset? nextPrune = null;
        foreach (var (id, reservation) in Stock.Reservations.ToList())
        {
            if (reservation.Status == ReservationStatus.Pending)
            {
                if (reservation.ExpiresAt <= now) End(reservation, ReservationStatus.Expired, now);
                else if (nextExpiry is null || reservation.ExpiresAt < nextExpiry) nextExpiry = reservation.ExpiresAt;
            }
            else if (reservation.EndedAt is { } ended)
            {
                var forgetAt = ended + _options.ReservationRetention;
                if (forgetAt <= now) Stock.Reservations.Remove(id);
                else if (nextPrune is null || forgetAt < nextPrune) nextPrune = forgetAt;
            }
        }
        foreach (var (id, appliedAt) in Stock.AppliedReturns.ToList())
        {
            var forgetAt = appliedAt + _options.ReservationRetention;
            if (forgetAt <= now) Stock.AppliedReturns.Remove(id);
            else if (nextPrune is null || forgetAt < nextPrune) nextPrune = forgetAt;
        }
        Stock.NextExpiryAt = nextExpiry;
        Stock.NextPruneAt = nextPrune;
    }

    private void End(ReservationState reservation, ReservationStatus status, DateTimeOffset now)
    {
        foreach (var (warehouse, held) in reservation.Held) WarehouseOf(warehouse).Reserved -= held;
        reservation.Held.Clear();
        reservation.Status = status;
        reservation.EndedAt = now;
        RememberUntil(now + _options.ReservationRetention);
    }

    private void RememberUntil(DateTimeOffset forgetAt)
    {
        if (Stock.NextPruneAt is null || forgetAt < Stock.NextPruneAt) Stock.NextPruneAt = forgetAt;
    }

    private async Task ScheduleExpiryAsync(DateTimeOffset now)
    {
        // Without a reminder service (a bare test silo) holds still expire, lazily at the next call.
        if (Stock.NextExpiryAt is not { } next || !GrainSchedules.HasReminders(ServiceProvider)) return;
        if (Stock.ExpiryReminderAt is { } due && due <= next) return;
        await this.ScheduleAsync(ExpiryReminder, next - now, _options.ExpiryReminderPeriod);
        Stock.ExpiryReminderAt = next;
    }

    /// <summary>Writes the state, then tells the product and the event stream about crossings of zero and of the low-stock threshold.</summary>
    private async Task SaveAndNotifyAsync(DateTimeOffset now)
    {
        var available = Available();
        var alert = false;
        if (Stock.LowStockThreshold > 0 && available <= Stock.LowStockThreshold)
        {
            if (!Stock.LowStockRaised)
            {
                Stock.LowStockRaised = true;
                Stock.Alerts.Add(new LowStockAlert(Sku, available, Stock.LowStockThreshold, now));
                if (Stock.Alerts.Count > _options.MaxAlerts) Stock.Alerts.RemoveRange(0, Stock.Alerts.Count - _options.MaxAlerts);
                alert = true;
            }
        }
        else
        {
            Stock.LowStockRaised = false;
        }
        var inStock = available > 0;
        var crossedZero = (Stock.InStock ?? true) != inStock;
        Stock.InStock = inStock;
        await state.WriteStateAsync();

        if (alert) await this.PublishAsync(InventoryEvent.StreamNamespace, new InventoryEvent("low-stock", Sku, available, now));
        if (crossedZero)
            await this.PublishAsync(InventoryEvent.StreamNamespace, new InventoryEvent(inStock ? "back-in-stock" : "out-of-stock", Sku, available, now));

        if ((Stock.ReportedInStock ?? true) == inStock) return;
        try
        {
            if (!await GrainFactory.GetGrain<IProductGrain>(Sku).OnStockChangedAsync(inStock)) return;
        }
        catch (Exception e) when (e is not InvalidInputException)
        {
            // The stock change is written; the product hears of it with the next change (ReportedInStock is unchanged).
            logger.LogWarning(e, "Could not tell product {Sku} that it is {Stock}.", Sku, inStock ? "back in stock" : "out of stock");
            return;
        }
        Stock.ReportedInStock = inStock;
        await state.WriteStateAsync();
    }

    private int Available() => Math.Max(0, Stock.Warehouses.Values.Sum(w => w.OnHand - w.Reserved) - Stock.BackorderOwed);

    private StockLevel Level(DateTimeOffset now)
    {
        // Holds past their expiry count as returned even before the reminder has ended them.
        var expiredHolds = new Dictionary<string, int>(StringComparer.Ordinal);
        if (Stock.NextExpiryAt is { } next && next <= now)
        {
            foreach (var reservation in Stock.Reservations.Values.Where(r => r.Status == ReservationStatus.Pending && r.ExpiresAt <= now))
            {
                foreach (var (warehouse, held) in reservation.Held) expiredHolds[warehouse] = expiredHolds.GetValueOrDefault(warehouse) + held;
            }
        }
        var warehouses = Stock.Warehouses.OrderBy(w => w.Key, StringComparer.Ordinal)
            .Select(w =>
            {
                var reserved = w.Value.Reserved - expiredHolds.GetValueOrDefault(w.Key);
                return new WarehouseStock(w.Key, w.Value.OnHand, reserved, w.Value.OnHand - reserved);
            })
            .ToArray();
        var onHand = warehouses.Sum(w => w.OnHand);
        var totalReserved = warehouses.Sum(w => w.Reserved);
        var available = Math.Max(0, onHand - totalReserved - Stock.BackorderOwed);
        return new StockLevel(Sku, onHand, totalReserved, available, warehouses, Stock.BackorderExpected, Stock.LowStockThreshold,
            Stock.LowStockThreshold > 0 && available <= Stock.LowStockThreshold)
        {
            BackorderOwed = Stock.BackorderOwed,
        };
    }

    private WarehouseState WarehouseOf(string warehouseId)
    {
        if (!Stock.Warehouses.TryGetValue(warehouseId, out var stock)) Stock.Warehouses[warehouseId] = stock = new WarehouseState();
        return stock;
    }

    private StockReservation ToReservation(string id, ReservationState r) =>
        new(id, Sku, r.Quantity, r.ExpiresAt, r.Backordered > 0, r.ExpectedDate) { BackorderedQuantity = r.Backordered };

    private static string ValidateId(string value, string field)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > MaxIdLength || trimmed == WarehouseAllocation.Backorder && field == "warehouseId")
            throw new InvalidInputException(field, $"{field} has 1 to {MaxIdLength} characters.");
        return trimmed;
    }
}
