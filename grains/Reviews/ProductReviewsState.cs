using Commerce.GrainInterfaces.Reviews;

namespace Commerce.Grains.Reviews;

/// <summary>The reviews of one product, oldest first.</summary>
public sealed class ProductReviewsState
{
    public List<ProductReview> Reviews { get; set; } = [];

    /// <summary>Reviews already applied to the product's rating summary (a failed apply is retried on the next review or read).</summary>
    public int AppliedToProduct { get; set; }
}
