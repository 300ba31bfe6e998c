using Commerce.GrainInterfaces.Cart;
using Commerce.GrainInterfaces.Catalog;
using Commerce.GrainInterfaces.Common;
using Commerce.Grains.Promotions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Commerce.Grains.Cart;

/// <summary>
/// A user's or guest's cart. Changes are validated (listed products, bounded quantities and lines) and written at
/// once. A reminder watches for abandonment: when the cart has been unchanged for
/// <see cref="CartOptions.AbandonAfter"/>, a <see cref="CartAbandonedEvent"/> goes on the durable stream <c>carts</c>.
/// </summary>
[GrainType("cart")]
public sealed class CartGrain(
    [PersistentState("cart")] IPersistentState<CartState> state,
    IOptions<CartOptions> options,
    PriceCalculator pricing,
    TimeProvider clock,
    ILogger<CartGrain> logger) : Grain, ICartGrain
{
    /// <summary>The stream namespace of <see cref="CartAbandonedEvent"/>.</summary>
    public const string StreamNamespace = "carts";

    public const string AbandonmentReminder = "abandonment";

    private readonly CartOptions _options = options.Value;

    private CartState S => state.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!CartKeys.IsValid(this.GetPrimaryKeyString()))
        {
            throw new InvalidInputException("cartId", $"A cart is keyed '{CartKeys.UserPrefix}{{userId}}' or '{CartKeys.GuestPrefix}{{sessionId}}'.");
        }
        return Task.CompletedTask;
    }

    public Task<CartView> GetAsync() => Task.FromResult(View());

    public async Task<CartView> AddItemAsync(string sku, int quantity)
    {
        Identifiers.RequireSku("sku", sku);
        ValidateQuantity(quantity, allowZero: false);
        await EnsureListedAsync(sku);
        var before = Quantity(sku);
        var index = S.Lines.FindIndex(l => l.Sku == sku);
        if (index >= 0)
        {
            S.Lines[index] = S.Lines[index] with { Quantity = Math.Min(S.Lines[index].Quantity + quantity, _options.MaxQuantityPerLine) };
        }
        else
        {
            if (S.Lines.Count >= _options.MaxLines) throw new ConflictException("cart-full", $"A cart holds at most {_options.MaxLines} products.");
            S.Lines.Add(new CartLine(sku, quantity, true, clock.GetUtcNow()));
        }
        var view = await SaveAsync();
        await PublishChangesAsync([(sku, before)]);
        return view;
    }

    public async Task<CartView> ChangeQuantityAsync(string sku, int quantity)
    {
        Identifiers.RequireSku("sku", sku);
        ValidateQuantity(quantity, allowZero: true);
        var index = S.Lines.FindIndex(l => l.Sku == sku);
        if (index < 0) throw new NotFoundException("cart line", sku);
        var before = S.Lines[index].Quantity;
        if (quantity == 0) S.Lines.RemoveAt(index);
        else S.Lines[index] = S.Lines[index] with { Quantity = quantity };
        var view = await SaveAsync();
        await PublishChangesAsync([(sku, before)]);
        return view;
    }

    public Task<CartView> RemoveItemAsync(string sku)
    {
        Identifiers.RequireSku("sku", sku);
        return RemoveItemsAsync([sku]);
    }

    public async Task<CartView> RemoveItemsAsync(IReadOnlyList<string> skus)
    {
        Identifiers.RequireSkus("skus", skus);
        var removed = S.Lines.Where(l => skus.Contains(l.Sku)).Select(l => (l.Sku, l.Quantity)).ToArray();
        if (removed.Length == 0) return View();
        S.Lines.RemoveAll(l => skus.Contains(l.Sku));
        var view = await SaveAsync();
        await PublishChangesAsync(removed);
        return view;
    }

    public async Task<CartView> SelectForCheckoutAsync(IReadOnlyList<string> skus)
    {
        Identifiers.RequireSkus("skus", skus);
        var unknown = skus.FirstOrDefault(s => S.Lines.All(l => l.Sku != s));
        if (unknown is not null) throw new InvalidInputException("skus", $"'{unknown}' is not in the cart.");
        for (var i = 0; i < S.Lines.Count; i++) S.Lines[i] = S.Lines[i] with { Selected = skus.Contains(S.Lines[i].Sku) };
        return await SaveAsync();
    }

    public async Task<CartView> MergeGuestCartAsync(string guestSessionId)
    {
        if (!CartKeys.IsUserCart(this.GetPrimaryKeyString(), out _)) throw new ConflictException("not-a-user-cart", "Only a user's cart takes in a guest cart.");
        Identifiers.RequireReference("guestSessionId", guestSessionId);

        var guestLines = await GrainFactory.GetGrain<ICartGrain>(CartKeys.ForGuest(guestSessionId)).TakeAllAsync();
        if (guestLines.Count == 0) return View();
        foreach (var line in guestLines)
        {
            var index = S.Lines.FindIndex(l => l.Sku == line.Sku);
            if (index >= 0)
            {
                S.Lines[index] = S.Lines[index] with { Quantity = Math.Min(S.Lines[index].Quantity + line.Quantity, _options.MaxQuantityPerLine), Selected = true };
            }
            else if (S.Lines.Count < _options.MaxLines)
            {
                // A full cart keeps what the user chose while logged in; the guest's extra lines are dropped.
                S.Lines.Add(line with { Quantity = Math.Min(line.Quantity, _options.MaxQuantityPerLine), Selected = true });
            }
        }
        return await SaveAsync();
    }

    public async Task<IReadOnlyList<CartLine>> TakeAllAsync()
    {
        var lines = S.Lines.ToArray();
        if (lines.Length == 0) return lines;
        S.Lines.Clear();
        await SaveAsync();
        return lines;
    }

    public async Task<CartPricePreview> PreviewAsync()
    {
        var selected = S.Lines.Where(l => l.Selected).Select(l => (l.Sku, l.Quantity)).ToArray();
        var quote = await pricing.QuoteAsync(GrainFactory, UserId(), selected, _options.DefaultCurrency);
        return new CartPricePreview(
            this.GetPrimaryKeyString(),
            quote.Lines.Select(l => new PricedCartLine(l.Sku, l.Name, l.Quantity, l.UnitPrice, l.LineTotal, l.Available)).ToArray(),
            quote.Subtotal,
            quote.Discounts,
            quote.Total,
            clock.GetUtcNow());
    }

    public async Task ClearAsync()
    {
        if (S.Lines.Count == 0) return;
        S.Lines.Clear();
        await SaveAsync();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != AbandonmentReminder) return;
        var now = clock.GetUtcNow();
        if (S.Lines.Count == 0 || S.AbandonmentReportedFor == S.UpdatedAt)
        {
            await StopWatchingAsync();
            return;
        }
        if (S.UpdatedAt is not { } updated || now - updated < _options.AbandonAfter) return;

        await this.PublishAsync(StreamNamespace, new CartAbandonedEvent(this.GetPrimaryKeyString(), UserId(), S.Lines.ToArray(), updated, now));
        S.AbandonmentReportedFor = updated;
        await StopWatchingAsync();
    }

    private async Task<CartView> SaveAsync()
    {
        S.UpdatedAt = clock.GetUtcNow();
        var watch = S.Lines.Count > 0 && !S.AbandonmentWatched;
        if (watch) S.AbandonmentWatched = true;
        await state.WriteStateAsync();
        if (watch) await this.RegisterOrUpdateReminder(AbandonmentReminder, _options.AbandonAfter, _options.AbandonmentCheckPeriod);
        return View();
    }

    private int Quantity(string sku) => S.Lines.FirstOrDefault(l => l.Sku == sku)?.Quantity ?? 0;

    /// <summary>
    /// Publishes one <see cref="CartChangedEvent"/> per changed line. Behaviour for analytics, not state: the change is
    /// already written, so a stream outage is logged rather than failing the customer's cart.
    /// </summary>
    private async Task PublishChangesAsync(IReadOnlyList<(string Sku, int Before)> changes)
    {
        try
        {
            var stream = this.DomainEventStream<CartChangedEvent>(StreamNamespace);
            var now = clock.GetUtcNow();
            foreach (var (sku, before) in changes)
            {
                var after = Quantity(sku);
                if (after != before) await stream.OnNextAsync(new CartChangedEvent(this.GetPrimaryKeyString(), UserId(), sku, after, after - before, now));
            }
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Cart {CartId} changed but its behaviour event was not published.", this.GetPrimaryKeyString());
        }
    }

    private async Task StopWatchingAsync()
    {
        await this.UnregisterReminderIfExistsAsync(AbandonmentReminder);
        S.AbandonmentWatched = false;
        await state.WriteStateAsync();
    }

    private async Task EnsureListedAsync(string sku)
    {
        var product = await GrainFactory.GetGrain<IProductGrain>(sku).GetAsync() ?? throw new NotFoundException("product", sku);
        if (product.Status != ProductStatus.Listed) throw new ConflictException("product-unavailable", $"'{sku}' is not for sale.");
    }

    private string? UserId() => CartKeys.IsUserCart(this.GetPrimaryKeyString(), out var userId) ? userId : null;

    private CartView View() => new(this.GetPrimaryKeyString(), S.Lines.ToArray(), S.UpdatedAt);

    private void ValidateQuantity(int quantity, bool allowZero) =>
        Quantities.RequireInRange("quantity", quantity, allowZero ? 0 : 1, _options.MaxQuantityPerLine);
}
