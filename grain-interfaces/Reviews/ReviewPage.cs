namespace Commerce.GrainInterfaces.Reviews;

/// <summary>One page of reviews, newest first; <paramref name="Page"/> is 1-based.</summary>
[GenerateSerializer, Immutable, Alias("commerce.ReviewPage")]
public sealed record ReviewPage(IReadOnlyList<ProductReview> Items, int Page, int PageSize, int Total);
