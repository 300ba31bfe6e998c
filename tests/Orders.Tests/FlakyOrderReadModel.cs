using Commerce.GrainInterfaces.Orders;
using Commerce.Grains.Orders;

namespace Commerce.Orders.Tests;

/// <summary>
/// Fault injection: the real in-memory orders read model whose next N writes (order rows and exception rows alike)
/// fail as a database blip would; reads always work. Shows that orders survive the failure and repair their rows.
/// </summary>
public sealed class FlakyOrderReadModel(IOrderReadModel inner) : IOrderReadModel
{
    private int _failuresLeft;
    private int _failed;

    /// <summary>Writes that failed so far.</summary>
    public int FailedWrites => Volatile.Read(ref _failed);

    /// <summary>Makes the next <paramref name="writes"/> writes throw (0 heals the read model).</summary>
    public void FailNextWrites(int writes) => Volatile.Write(ref _failuresLeft, writes);

    public Task UpsertOrderAsync(OrderSummary summary, CancellationToken cancellationToken = default)
    {
        Fail();
        return inner.UpsertOrderAsync(summary, cancellationToken);
    }

    public Task UpsertExceptionAsync(ExceptionQueueEntry entry, CancellationToken cancellationToken = default)
    {
        Fail();
        return inner.UpsertExceptionAsync(entry, cancellationToken);
    }

    public Task<ResultPage<OrderSummary>> GetByUserAsync(string userId, int page, int pageSize, CancellationToken cancellationToken = default) =>
        inner.GetByUserAsync(userId, page, pageSize, cancellationToken);

    public Task<ResultPage<OrderSummary>> GetByStatusAsync(OrderStatus status, int page, int pageSize, CancellationToken cancellationToken = default) =>
        inner.GetByStatusAsync(status, page, pageSize, cancellationToken);

    public Task<ResultPage<ExceptionQueueEntry>> GetExceptionQueueAsync(bool includeResolved, int page, int pageSize, CancellationToken cancellationToken = default) =>
        inner.GetExceptionQueueAsync(includeResolved, page, pageSize, cancellationToken);

    private void Fail()
    {
        if (Interlocked.Decrement(ref _failuresLeft) < 0)
        {
            Interlocked.Exchange(ref _failuresLeft, 0);
            return;
        }
        Interlocked.Increment(ref _failed);
        throw new TimeoutException("Injected failure: the orders read model did not answer.");
    }
}
