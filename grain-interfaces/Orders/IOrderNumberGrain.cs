namespace Commerce.GrainInterfaces.Orders;

/// <summary>
/// Hands out order numbers for one UTC day, keyed <c>yyyyMMdd</c>. One activation per day in the cluster and a
/// persisted counter make every number unique across silos and restarts.
/// </summary>
[Alias("commerce.IOrderNumberGrain")]
public interface IOrderNumberGrain : IGrainWithStringKey
{
    /// <summary>The next order number of the day, e.g. <c>CO-20261122-000123</c>.</summary>
    [Alias("NextAsync")]
    Task<string> NextAsync();
}
