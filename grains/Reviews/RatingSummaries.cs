using Commerce.GrainInterfaces.Reviews;

namespace Commerce.Grains.Reviews;

/// <summary>Summarizes ratings: count, mean (two decimals) and the histogram by stars.</summary>
public static class RatingSummaries
{
    public static RatingSummary Summarize(string sku, IReadOnlyCollection<ProductReview> reviews)
    {
        var counts = new int[5];
        foreach (var review in reviews) counts[review.Rating - 1]++;
        var average = reviews.Count == 0 ? 0 : Math.Round(reviews.Average(r => r.Rating), 2);
        return new RatingSummary(sku, reviews.Count, average, counts);
    }
}
