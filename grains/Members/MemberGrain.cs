using Commerce.GrainInterfaces.Common;
using Commerce.GrainInterfaces.Members;
using Commerce.GrainInterfaces.Payments;
using Commerce.Grains.Payments;
using Commerce.Grains.Payments.Currency;
using Microsoft.Extensions.Options;

namespace Commerce.Grains.Members;

/// <summary>
/// A member's loyalty account. Each paid order earns a lot of points that expires on its own date; redemption
/// reserves from the oldest unexpired lots first and remembers which, so a cancelled checkout puts them back
/// where they were. A reminder expires lots; reads never count an expired lot even before it fires. The tier
/// follows the spend of the rolling window.
/// </summary>
[GrainType("member")]
public sealed class MemberGrain(
    [PersistentState("member")] IPersistentState<MemberState> state,
    ExchangeRateCache rates,
    IOptions<MemberOptions> options,
    IOptions<PaymentOptions> paymentOptions,
    TimeProvider clock) : Grain, IMemberGrain
{
    /// <summary>The reminder that expires lots.</summary>
    public const string ExpiryReminder = "expire-points";

    private readonly MemberOptions _options = options.Value;

    private MemberState S => state.State;

    private string Currency => paymentOptions.Value.SettlementCurrency;

    public Task<MemberSnapshot> GetAsync()
    {
        var now = clock.GetUtcNow();
        var spend = RollingSpend(now);
        var benefits = TierPolicy.For(spend, _options.Tiers);
        var lots = S.Lots.Where(l => l.Remaining > 0 && l.ExpiresAt > now)
            .Select(l => new PointsLot(l.OrderId, l.Earned, l.Remaining, l.EarnedAt, l.ExpiresAt)).ToArray();
        var expiredNotYetSwept = S.Lots.Where(l => l.Remaining > 0 && l.ExpiresAt <= now).Sum(l => l.Remaining);
        return Task.FromResult(new MemberSnapshot(
            this.GetPrimaryKeyString(),
            lots.Sum(l => l.Remaining),
            S.Redemptions.Values.Where(r => r.Status == RedemptionStatus.Reserved).Sum(r => r.Points),
            S.ExpiredPoints + expiredNotYetSwept,
            benefits.Tier,
            new Money(spend, Currency),
            benefits,
            lots,
            S.Redemptions.Select(r => new PointsRedemption(r.Key, r.Value.Points, r.Value.Discount, r.Value.Status, r.Value.At)).ToArray()));
    }

    public async Task EarnForOrderAsync(string orderId, Money paidAmount)
    {
        Identifiers.RequireReference("orderId", orderId);
        if (paidAmount is null || paidAmount.Amount <= 0) throw new InvalidInputException("paidAmount", "A paid amount must be positive.");
        if (S.Lots.Any(l => l.OrderId == orderId)) return;

        var spend = await rates.ConvertAsync(paidAmount, Currency);
        var points = (int)Math.Floor(spend.Amount * _options.PointsPerCurrencyUnit);
        var now = clock.GetUtcNow();
        S.Lots.Add(new MemberState.LotState
        {
            OrderId = orderId,
            Earned = points,
            Remaining = points,
            Spend = spend.Amount,
            EarnedAt = now,
            ExpiresAt = now + _options.PointsLifetime,
        });
        Prune(now);
        if (!S.ExpiryReminderRegistered)
        {
            await this.RegisterOrUpdateReminder(ExpiryReminder, _options.ExpiryCheckPeriod, _options.ExpiryCheckPeriod);
            S.ExpiryReminderRegistered = true;
        }
        await state.WriteStateAsync();
    }

    public async Task<Money> ReserveRedemptionAsync(string orderId, int points, string currency)
    {
        Identifiers.RequireReference("orderId", orderId);
        if (points <= 0) throw new InvalidInputException("points", "Points to redeem must be positive.");
        if (points > _options.MaxPointsPerRedemption) throw new InvalidInputException("points", $"At most {_options.MaxPointsPerRedemption} points per order.");
        if (string.IsNullOrWhiteSpace(currency)) throw new InvalidInputException("currency", "A currency is required.");

        if (S.Redemptions.TryGetValue(orderId, out var existing) && existing.Status != RedemptionStatus.Cancelled)
        {
            if (existing.Points == points && existing.Discount.Currency == currency) return existing.Discount;
            throw new ConflictException("redemption-exists", $"Order '{orderId}' already has a redemption of {existing.Points} points in {existing.Discount.Currency}.");
        }

        // Converted first: an unknown currency is refused before any points move.
        var discount = await rates.ConvertAsync(new Money(points * _options.PointValue, Currency), currency);
        var now = clock.GetUtcNow();
        var usable = S.Lots.Where(l => l.Remaining > 0 && l.ExpiresAt > now).OrderBy(l => l.EarnedAt).ToList();
        var available = usable.Sum(l => l.Remaining);
        if (available < points) throw new ConflictException("insufficient-points", $"Only {available} points are available; {points} requested.");

        var redemption = new MemberState.RedemptionState { Points = points, Discount = discount, Status = RedemptionStatus.Reserved, At = now };
        var left = points;
        foreach (var lot in usable)
        {
            var take = Math.Min(left, lot.Remaining);
            lot.Remaining -= take;
            redemption.TakenFrom[lot.OrderId] = take;
            left -= take;
            if (left == 0) break;
        }
        S.Redemptions[orderId] = redemption;
        await state.WriteStateAsync();
        return discount;
    }

    public async Task ConfirmRedemptionAsync(string orderId)
    {
        Identifiers.RequireReference("orderId", orderId);
        if (!S.Redemptions.TryGetValue(orderId, out var redemption)) throw new NotFoundException("redemption", orderId);
        switch (redemption.Status)
        {
            case RedemptionStatus.Confirmed:
                return;
            case RedemptionStatus.Cancelled:
                throw new ConflictException("invalid-transition", $"The redemption of order '{orderId}' was cancelled.");
        }
        redemption.Status = RedemptionStatus.Confirmed;
        redemption.At = clock.GetUtcNow();
        await state.WriteStateAsync();
    }

    public async Task CancelRedemptionAsync(string orderId)
    {
        Identifiers.RequireReference("orderId", orderId);
        if (!S.Redemptions.TryGetValue(orderId, out var redemption) || redemption.Status == RedemptionStatus.Cancelled) return;
        if (redemption.Status == RedemptionStatus.Confirmed)
        {
            throw new ConflictException("invalid-transition", $"The redemption of order '{orderId}' was confirmed; the points are spent.");
        }
        var now = clock.GetUtcNow();
        foreach (var (lotOrderId, taken) in redemption.TakenFrom)
        {
            if (S.Lots.Find(l => l.OrderId == lotOrderId) is not { Reversed: false } lot) continue;
            if (lot.ExpiresAt > now)
            {
                lot.Remaining += taken;
            }
            else
            {
                // The lot expired while the points were held: they go back expired.
                lot.Expired += taken;
                S.ExpiredPoints += taken;
            }
        }
        redemption.Status = RedemptionStatus.Cancelled;
        redemption.At = now;
        await state.WriteStateAsync();
    }

    public async Task ReverseEarnForOrderAsync(string orderId)
    {
        Identifiers.RequireReference("orderId", orderId);
        if (S.Lots.Find(l => l.OrderId == orderId) is not { Reversed: false } lot) return;
        // Points of this lot already redeemed are taken from the other lots, oldest first, as far as they go.
        var spent = lot.Earned - lot.Remaining - lot.Expired;
        lot.Remaining = 0;
        lot.Reversed = true;
        var now = clock.GetUtcNow();
        foreach (var other in S.Lots.Where(l => !l.Reversed && l.Remaining > 0 && l.ExpiresAt > now).OrderBy(l => l.EarnedAt))
        {
            if (spent == 0) break;
            var take = Math.Min(spent, other.Remaining);
            other.Remaining -= take;
            spent -= take;
        }
        await state.WriteStateAsync();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ExpiryReminder) return;
        var now = clock.GetUtcNow();
        var changed = false;
        foreach (var lot in S.Lots.Where(l => l.Remaining > 0 && l.ExpiresAt <= now))
        {
            lot.Expired += lot.Remaining;
            S.ExpiredPoints += lot.Remaining;
            lot.Remaining = 0;
            changed = true;
        }
        if (changed) await state.WriteStateAsync();
    }

    private decimal RollingSpend(DateTimeOffset now) =>
        S.Lots.Where(l => !l.Reversed && now - l.EarnedAt < _options.TierWindow).Sum(l => l.Spend);

    // Lots past both their expiry and the tier window no longer matter, except as the record that the order earned.
    private void Prune(DateTimeOffset now)
    {
        var horizon = _options.PointsLifetime > _options.TierWindow ? _options.PointsLifetime : _options.TierWindow;
        S.Lots.RemoveAll(l => l.Remaining == 0 && now - l.EarnedAt > horizon + horizon);
    }
}
