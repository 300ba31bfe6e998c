using Commerce.GrainInterfaces.Catalog;
using Commerce.GrainInterfaces.Common;

namespace Commerce.Grains.Promotions;

/// <summary>
/// Prices lines the same way for a cart preview and for the order it becomes: current product prices, listed
/// products only, one currency, promotions through <see cref="IPromotionEngine"/>, never below zero.
/// </summary>
public sealed class PriceCalculator(IPromotionEngine promotions)
{
    /// <param name="defaultCurrency">The currency of an empty quote.</param>
    public async Task<PriceQuote> QuoteAsync(IGrainFactory grains, string? userId, IReadOnlyList<(string Sku, int Quantity)> lines, string defaultCurrency)
    {
        var products = await Task.WhenAll(lines.Select(l => grains.GetGrain<IProductGrain>(l.Sku).GetAsync()));
        var quoted = new List<QuotedLine>(lines.Count);
        string? currency = null;
        for (var i = 0; i < lines.Count; i++)
        {
            var (sku, quantity) = lines[i];
            var product = products[i];
            if (product is null)
            {
                quoted.Add(new QuotedLine(sku, sku, quantity, Money.Zero(currency ?? defaultCurrency), Money.Zero(currency ?? defaultCurrency), false));
                continue;
            }
            var listed = product.Status == ProductStatus.Listed;
            if (listed)
            {
                currency ??= product.Price.Currency;
                if (!string.Equals(currency, product.Price.Currency, StringComparison.Ordinal))
                {
                    throw new ConflictException("mixed-currency", $"'{sku}' is priced in {product.Price.Currency}, the other lines in {currency}; order them separately.");
                }
            }
            quoted.Add(new QuotedLine(sku, product.Name, quantity, product.Price, product.Price.Times(quantity), listed));
        }

        currency ??= defaultCurrency;
        var subtotal = quoted.Where(l => l.Available).Aggregate(Money.Zero(currency), (sum, l) => sum.Add(l.LineTotal));
        var priced = quoted.Where(l => l.Available).Select(l => new PricedLine(l.Sku, l.Quantity, l.UnitPrice)).ToArray();
        var discounts = priced.Length == 0 ? [] : await promotions.ApplyAsync(userId, priced, subtotal);
        var total = discounts.Aggregate(subtotal, (sum, d) => sum.Subtract(d.Amount));
        if (total.Amount < 0) total = Money.Zero(currency);
        return new PriceQuote(quoted, subtotal, discounts, total);
    }
}
