using Commerce.GrainInterfaces.Orders;

namespace Commerce.Grains.Orders;

/// <summary>The orders read model in process memory: for the embedded silo and in-process tests.</summary>
public sealed class MemoryOrderReadModel : IOrderReadModel
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, OrderSummary> _orders = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, int), ExceptionQueueEntry> _exceptions = [];

    public Task UpsertOrderAsync(OrderSummary summary, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (!_orders.TryGetValue(summary.OrderId, out var stored) || stored.Version < summary.Version) _orders[summary.OrderId] = summary;
        }
        return Task.CompletedTask;
    }

    public Task UpsertExceptionAsync(ExceptionQueueEntry entry, CancellationToken cancellationToken = default)
    {
        lock (_lock) _exceptions[(entry.OrderId, entry.Exception.Number)] = entry;
        return Task.CompletedTask;
    }

    public Task<ResultPage<OrderSummary>> GetByUserAsync(string userId, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var all = _orders.Values.Where(o => o.UserId == userId).OrderByDescending(o => o.PlacedAt).ThenByDescending(o => o.OrderId, StringComparer.Ordinal).ToArray();
            return Task.FromResult(Page(all, page, pageSize));
        }
    }

    public Task<ResultPage<OrderSummary>> GetByStatusAsync(OrderStatus status, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var all = _orders.Values.Where(o => o.Status == status).OrderBy(o => o.UpdatedAt).ThenBy(o => o.OrderId, StringComparer.Ordinal).ToArray();
            return Task.FromResult(Page(all, page, pageSize));
        }
    }

    public Task<ResultPage<ExceptionQueueEntry>> GetExceptionQueueAsync(bool includeResolved, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var open = _exceptions.Values.Where(e => e.Exception.ResolvedAt is null)
                .OrderBy(e => e.Exception.RaisedAt).ThenBy(e => e.OrderId, StringComparer.Ordinal);
            var resolved = includeResolved
                ? _exceptions.Values.Where(e => e.Exception.ResolvedAt is not null).OrderByDescending(e => e.Exception.ResolvedAt).ThenBy(e => e.OrderId, StringComparer.Ordinal)
                : Enumerable.Empty<ExceptionQueueEntry>();
            return Task.FromResult(Page(open.Concat(resolved).ToArray(), page, pageSize));
        }
    }

    private static ResultPage<T> Page<T>(IReadOnlyList<T> all, int page, int pageSize) =>
        new(all.Skip((page - 1) * pageSize).Take(pageSize).ToArray(), page, pageSize, all.Count);
}
