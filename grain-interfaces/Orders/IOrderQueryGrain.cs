namespace Commerce.GrainInterfaces.Orders;

/// <summary>
/// Reads of the orders read model (memory or PostgreSQL), for the API: any key (use <c>"orders"</c>); runs
/// where it is called. Pages are 1-based; page size 1..100 (<c>InvalidInputException</c> otherwise).
/// </summary>
[Alias("commerce.IOrderQueryGrain")]
public interface IOrderQueryGrain : IGrainWithStringKey
{
    /// <summary>A user's orders, newest first.</summary>
    [Alias("GetByUserAsync")]
    Task<ResultPage<OrderSummary>> GetByUserAsync(string userId, int page, int pageSize);

    /// <summary>Orders in one status, oldest update first (work queues).</summary>
    [Alias("GetByStatusAsync")]
    Task<ResultPage<OrderSummary>> GetByStatusAsync(OrderStatus status, int page, int pageSize);

    /// <summary>The exception queue: open exceptions oldest first; with <paramref name="includeResolved"/> resolved ones after them.</summary>
    [Alias("GetExceptionQueueAsync")]
    Task<ResultPage<ExceptionQueueEntry>> GetExceptionQueueAsync(bool includeResolved, int page, int pageSize);
}
