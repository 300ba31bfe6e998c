namespace Commerce.GrainInterfaces.Reviews;

/// <summary>
/// Reviews of one product (key = SKU). Only a user with a delivered order containing the SKU may review it, once
/// (<c>ConflictException</c> <c>not-delivered</c> / <c>already-reviewed</c>); rating 1-5 and text of bounded length
/// (<c>InvalidInputException</c> <c>rating</c> / <c>text</c>). Each review updates the product's rating summary.
/// </summary>
[Alias("commerce.IProductReviewsGrain")]
public interface IProductReviewsGrain : IGrainWithStringKey
{
    [Alias("SubmitAsync")]
    Task<ProductReview> SubmitAsync(ReviewSubmission submission);

    [ReadOnly]
    [Alias("GetPageAsync")]
    Task<ReviewPage> GetPageAsync(int page, int pageSize);

    [ReadOnly]
    [Alias("GetSummaryAsync")]
    Task<RatingSummary> GetSummaryAsync();
}
