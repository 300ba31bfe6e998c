namespace Commerce.GrainInterfaces.Catalog;

/// <summary>
/// One product, keyed by SKU: its information, its listing workflow (every transition recorded with
/// time and actor), scheduled listing and delisting, tags, review summary and stock-driven
/// delisting. Listed products are browsable through <see cref="ICatalogQueryGrain"/>.
/// Invalid input throws <c>InvalidInputException</c> naming the field; a transition the workflow does not
/// allow throws <c>ConflictException</c> with code <c>invalid-transition</c>; calls on a product that was never
/// created throw <c>NotFoundException</c>.
/// </summary>
[Alias("commerce.IProductGrain")]
public interface IProductGrain : IGrainWithStringKey, IRemindable
{
    /// <summary>Creates the product as a draft. Conflict <c>already-exists</c> when it exists.</summary>
    [Alias("CreateAsync")]
    Task<ProductSnapshot> CreateAsync(ProductDetails details, string actor);

    /// <summary>
    /// Replaces the product's information. Editing a submitted or approved product sends it back to draft
    /// (it must be reviewed again); a listed product stays listed and its catalog entry is updated.
    /// </summary>
    [Alias("UpdateAsync")]
    Task<ProductSnapshot> UpdateAsync(ProductDetails details, string actor);

    /// <summary>The product, or null when it was never created.</summary>
    [ReadOnly]
    [Alias("GetAsync")]
    Task<ProductSnapshot?> GetAsync();

    [ReadOnly]
    [Alias("GetCompletenessAsync")]
    Task<ProductCompleteness> GetCompletenessAsync();

    /// <summary>Every status transition, oldest first.</summary>
    [ReadOnly]
    [Alias("GetHistoryAsync")]
    Task<IReadOnlyList<ProductTransition>> GetHistoryAsync();

    /// <summary>Draft or rejected -> submitted. Conflict <c>incomplete</c> while the completeness check fails.</summary>
    [Alias("SubmitAsync")]
    Task<ProductSnapshot> SubmitAsync(string actor);

    /// <summary>Submitted -> approved.</summary>
    [Alias("ApproveAsync")]
    Task<ProductSnapshot> ApproveAsync(string actor);

    /// <summary>Submitted -> rejected, with a reason the merchant sees.</summary>
    [Alias("RejectAsync")]
    Task<ProductSnapshot> RejectAsync(string reason, string actor);

    /// <summary>Approved or delisted -> listed.</summary>
    [Alias("ListAsync")]
    Task<ProductSnapshot> ListAsync(string actor);

    /// <summary>Listed -> delisted.</summary>
    [Alias("DelistAsync")]
    Task<ProductSnapshot> DelistAsync(string actor, string? reason = null);

    /// <summary>Lists the approved (or delisted) product at <paramref name="at"/> (durable: a reminder).</summary>
    [Alias("ScheduleListingAsync")]
    Task<ProductSnapshot> ScheduleListingAsync(DateTimeOffset at, string actor);

    /// <summary>Delists the product at <paramref name="at"/> if it is listed then (durable: a reminder); allowed while approved, listed or delisted.</summary>
    [Alias("ScheduleDelistingAsync")]
    Task<ProductSnapshot> ScheduleDelistingAsync(DateTimeOffset at, string actor);

    /// <summary>Adds tags derived from behaviour; weights of the same (dimension, value) accumulate.</summary>
    [Alias("AddBehaviourTagsAsync")]
    Task AddBehaviourTagsAsync(IReadOnlyList<ProductTag> tags);

    /// <summary>Adds one review rating (1-5) to the rating summary; called by the reviews grain.</summary>
    [Alias("ApplyReviewAsync")]
    Task ApplyReviewAsync(int rating);

    /// <summary>
    /// Called by the inventory grain when available stock reaches zero (<paramref name="inStock"/> false) or
    /// rises above zero again. A listed product out of stock for the configured time is delisted
    /// automatically; a product delisted that way is relisted when stock returns. Returns false when the
    /// product does not exist (yet), so inventory tells it again with its next change.
    /// </summary>
    [Alias("OnStockChangedAsync")]
    Task<bool> OnStockChangedAsync(bool inStock);

    /// <summary>Re-paths the product when its category (or an ancestor) moved; called by the category tree.</summary>
    [Alias("MoveCategoryAsync")]
    Task MoveCategoryAsync(string oldPathPrefix, string newPathPrefix);
}
