namespace Commerce.GrainInterfaces.Orders;

/// <summary>One page of a listing; <paramref name="Page"/> is 1-based; <paramref name="Total"/> counts all matches.</summary>
[GenerateSerializer, Immutable, Alias("commerce.ResultPage`1")]
public sealed record ResultPage<T>(IReadOnlyList<T> Items, int Page, int PageSize, long Total);
