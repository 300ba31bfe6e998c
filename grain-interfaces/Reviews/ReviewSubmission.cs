namespace Commerce.GrainInterfaces.Reviews;

/// <summary>A customer's review of a SKU they received in <paramref name="OrderId"/>. Rating 1-5.</summary>
[GenerateSerializer, Immutable, Alias("commerce.ReviewSubmission")]
public sealed record ReviewSubmission(string UserId, string OrderId, int Rating, string Text);
