namespace Commerce.Grains.Catalog;

/// <summary>Tunables of the product, category and catalog query grains.</summary>
public sealed class CatalogOptions
{
    /// <summary>Longest product name. Default 200 characters: fits every listing layout and search result.</summary>
    public int MaxNameLength { get; set; } = 200;

    /// <summary>Longest brand or origin. Default 100 characters.</summary>
    public int MaxShortTextLength { get; set; } = 100;

    /// <summary>Longest description. Default 10,000 characters: rich enough, yet a snapshot stays small.</summary>
    public int MaxDescriptionLength { get; set; } = 10_000;

    /// <summary>Most images per product. Default 20.</summary>
    public int MaxImages { get; set; } = 20;

    /// <summary>Most spec attributes per product. Default 100.</summary>
    public int MaxSpecs { get; set; } = 100;

    /// <summary>Most tags (merchant plus behaviour-derived) per product. Default 100; the lightest behaviour tags go first.</summary>
    public int MaxTags { get; set; } = 100;

    /// <summary>Highest price amount accepted. Default 1,000,000: guards against a misplaced decimal point.</summary>
    public decimal MaxPrice { get; set; } = 1_000_000m;

    /// <summary>Most recorded transitions kept per product. Default 500; the oldest go first.</summary>
    public int MaxHistory { get; set; } = 500;

    /// <summary>
    /// How long a listed product may stay out of stock before it is delisted automatically. Default 3 days:
    /// long enough for a normal restock, short enough that shoppers do not keep finding a dead product.
    /// </summary>
    public TimeSpan AutoDelistAfter { get; set; } = TimeSpan.FromDays(3);

    /// <summary>
    /// The period of the listing/delisting reminders, i.e. how soon a tick is retried when one failed.
    /// Default 1 minute, the runtime's minimum reminder period; tests lower both.
    /// </summary>
    public TimeSpan ReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Largest browse page. Default 100: larger pages cost more than they help a shopper.</summary>
    public int MaxPageSize { get; set; } = 100;
}
