namespace Commerce.Grains.Reviews;

/// <summary>Tunables of <see cref="ProductReviewsGrain"/>.</summary>
public sealed class ReviewOptions
{
    /// <summary>Longest review text. Default 2000 characters.</summary>
    public int MaxTextLength { get; set; } = 2000;

    /// <summary>Largest page of reviews. Default 50.</summary>
    public int MaxPageSize { get; set; } = 50;
}
