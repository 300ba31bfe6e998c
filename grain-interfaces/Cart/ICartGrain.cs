namespace Commerce.GrainInterfaces.Cart;

/// <summary>
/// A shopping cart, keyed <c>user:{userId}</c> or <c>guest:{sessionId}</c>. Quantities are 1..the configured
/// per-line maximum; a cart holds a bounded number of lines. Invalid input throws <c>InvalidInputException</c>
/// naming the field (<c>sku</c>, <c>quantity</c>, <c>skus</c>); a full cart throws <c>ConflictException</c>
/// <c>cart-full</c>. A non-empty cart left idle for the configured time publishes <see cref="CartAbandonedEvent"/>.
/// </summary>
[Alias("commerce.ICartGrain")]
public interface ICartGrain : IGrainWithStringKey, IRemindable
{
    [ReadOnly]
    [Alias("GetAsync")]
    Task<CartView> GetAsync();

    /// <summary>Adds <paramref name="quantity"/> of a SKU (summed with what is there, capped at the maximum); new lines are selected.</summary>
    [Alias("AddItemAsync")]
    Task<CartView> AddItemAsync(string sku, int quantity);

    /// <summary>Sets a line's quantity; 0 removes the line. NotFound when the SKU is not in the cart.</summary>
    [Alias("ChangeQuantityAsync")]
    Task<CartView> ChangeQuantityAsync(string sku, int quantity);

    [Alias("RemoveItemAsync")]
    Task<CartView> RemoveItemAsync(string sku);

    /// <summary>Removes several lines at once; SKUs not in the cart are ignored.</summary>
    [Alias("RemoveItemsAsync")]
    Task<CartView> RemoveItemsAsync(IReadOnlyList<string> skus);

    /// <summary>Selects exactly <paramref name="skus"/> for checkout (every other line is deselected).</summary>
    [Alias("SelectForCheckoutAsync")]
    Task<CartView> SelectForCheckoutAsync(IReadOnlyList<string> skus);

    /// <summary>
    /// On a user cart at login: moves the guest cart's lines here (quantities summed and capped) and empties the
    /// guest cart. Idempotent: merging an empty or already merged guest cart changes nothing.
    /// </summary>
    [Alias("MergeGuestCartAsync")]
    Task<CartView> MergeGuestCartAsync(string guestSessionId);

    /// <summary>Empties this cart and returns what it held; used by <see cref="MergeGuestCartAsync"/>.</summary>
    [Alias("TakeAllAsync")]
    Task<IReadOnlyList<CartLine>> TakeAllAsync();

    /// <summary>Prices the selected lines at current product prices with promotions applied.</summary>
    [ReadOnly]
    [Alias("PreviewAsync")]
    Task<CartPricePreview> PreviewAsync();

    [Alias("ClearAsync")]
    Task ClearAsync();
}
