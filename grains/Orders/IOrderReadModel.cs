using Commerce.GrainInterfaces.Orders;

namespace Commerce.Grains.Orders;

/// <summary>
/// The orders read model the order grain feeds and <see cref="OrderQueryGrain"/> reads: orders by user and by
/// status, and the exception queue. In memory by default (<see cref="MemoryOrderReadModel"/>), relational tables
/// with <see cref="PostgresOrderReadModel"/>. Writes are idempotent and versioned.
/// </summary>
public interface IOrderReadModel
{
    /// <summary>Inserts or replaces the order's row unless the stored one has a newer or equal version.</summary>
    Task UpsertOrderAsync(OrderSummary summary, CancellationToken cancellationToken = default);

    /// <summary>Inserts or replaces one exception of an order (keyed by order id and exception number).</summary>
    Task UpsertExceptionAsync(ExceptionQueueEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Newest placed first.</summary>
    Task<ResultPage<OrderSummary>> GetByUserAsync(string userId, int page, int pageSize, CancellationToken cancellationToken = default);

    /// <summary>Oldest update first.</summary>
    Task<ResultPage<OrderSummary>> GetByStatusAsync(OrderStatus status, int page, int pageSize, CancellationToken cancellationToken = default);

    /// <summary>Open exceptions oldest first, then (with <paramref name="includeResolved"/>) resolved ones newest resolved first.</summary>
    Task<ResultPage<ExceptionQueueEntry>> GetExceptionQueueAsync(bool includeResolved, int page, int pageSize, CancellationToken cancellationToken = default);
}
