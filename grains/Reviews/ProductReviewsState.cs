using Commerce.GrainInterfaces.Reviews;

namespace Commerce.Grains.Reviews;

/// <summary>The reviews of one product, oldest first.</summary>
[GenerateSerializer, Alias("commerce.state.ProductReviewsState")]
public sealed class ProductReviewsState
{
    [Id(0)]
    public List<ProductReview> Reviews { get; set; } = [];

    /// <summary>Reviews already applied to the product's rating summary (a failed apply is retried on the next review or read).</summary>
    [Id(1)]
    public int AppliedToProduct { get; set; }
}
