using Commerce.GrainInterfaces.Catalog;
using Commerce.GrainInterfaces.Common;
using Commerce.GrainInterfaces.Orders;
using Commerce.GrainInterfaces.Reviews;
using Microsoft.Extensions.Options;

namespace Commerce.Grains.Reviews;

/// <summary>
/// Reviews of one SKU. A review is accepted only from the user whose order delivered the SKU, once per user; it is
/// stored first, then added to the product's rating summary (<see cref="IProductGrain.ApplyReviewAsync"/>). A count
/// of applied reviews makes that step resumable without double counting.
/// </summary>
[GrainType("product-reviews")]
public sealed class ProductReviewsGrain(
    [PersistentState("reviews")] IPersistentState<ProductReviewsState> state,
    IOptions<ReviewOptions> options,
    TimeProvider clock) : Grain, IProductReviewsGrain
{
    private readonly ReviewOptions _options = options.Value;

    public async Task<ProductReview> SubmitAsync(ReviewSubmission submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        Identifiers.RequireReference("userId", submission.UserId);
        Identifiers.RequireReference("orderId", submission.OrderId);
        if (submission.Rating is < 1 or > 5) throw new InvalidInputException("rating", "A rating is 1 to 5 stars.");
        if (string.IsNullOrWhiteSpace(submission.Text) || submission.Text.Length > _options.MaxTextLength)
        {
            throw new InvalidInputException("text", $"A review text of 1..{_options.MaxTextLength} characters is required.");
        }
        var sku = this.GetPrimaryKeyString();
        if (state.State.Reviews.Any(r => r.UserId == submission.UserId)) throw new ConflictException("already-reviewed", $"You already reviewed {sku}.");

        OrderSnapshot order;
        try
        {
            order = await GrainFactory.GetGrain<IOrderGrain>(submission.OrderId).GetAsync();
        }
        catch (NotFoundException)
        {
            throw new ConflictException("not-delivered", $"Order {submission.OrderId} does not exist.");
        }
        if (order.UserId != submission.UserId || order.DeliveredAt is null || order.Lines.All(l => l.Sku != sku))
        {
            throw new ConflictException("not-delivered", $"Only a customer who received {sku} may review it.");
        }

        var review = new ProductReview(sku, submission.UserId, submission.OrderId, submission.Rating, submission.Text.Trim(), clock.GetUtcNow());
        state.State.Reviews.Add(review);
        await state.WriteStateAsync();
        await ApplyPendingToProductAsync();
        return review;
    }

    public Task<ReviewPage> GetPageAsync(int page, int pageSize)
    {
        if (page < 1) throw new InvalidInputException("page", "Pages start at 1.");
        if (pageSize < 1 || pageSize > _options.MaxPageSize) throw new InvalidInputException("pageSize", $"Page size must be 1..{_options.MaxPageSize}.");
        var reviews = state.State.Reviews;
        var items = Enumerable.Range(0, reviews.Count).Select(i => reviews[reviews.Count - 1 - i]).Skip((page - 1) * pageSize).Take(pageSize).ToArray();
        return Task.FromResult(new ReviewPage(items, page, pageSize, reviews.Count));
    }

    public Task<RatingSummary> GetSummaryAsync() => Task.FromResult(RatingSummaries.Summarize(this.GetPrimaryKeyString(), state.State.Reviews));

    private async Task ApplyPendingToProductAsync()
    {
        var product = GrainFactory.GetGrain<IProductGrain>(this.GetPrimaryKeyString());
        while (state.State.AppliedToProduct < state.State.Reviews.Count)
        {
            await product.ApplyReviewAsync(state.State.Reviews[state.State.AppliedToProduct].Rating);
            state.State.AppliedToProduct++;
            await state.WriteStateAsync();
        }
    }
}
