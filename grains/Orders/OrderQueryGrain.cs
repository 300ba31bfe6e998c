using Commerce.GrainInterfaces.Common;
using Commerce.GrainInterfaces.Orders;

namespace Commerce.Grains.Orders;

/// <summary>Reads the orders read model for the API; stateless, so it runs beside the caller.</summary>
[GrainType("order-query")]
[StatelessWorker]
public sealed class OrderQueryGrain(IOrderReadModel readModel) : Grain, IOrderQueryGrain
{
    /// <summary>The largest page a listing returns.</summary>
    public const int MaxPageSize = 100;

    public Task<ResultPage<OrderSummary>> GetByUserAsync(string userId, int page, int pageSize)
    {
        if (string.IsNullOrWhiteSpace(userId)) throw new InvalidInputException("userId", "A user id is required.");
        CheckPage(page, pageSize);
        return readModel.GetByUserAsync(userId, page, pageSize);
    }

    public Task<ResultPage<OrderSummary>> GetByStatusAsync(OrderStatus status, int page, int pageSize)
    {
        if (!Enum.IsDefined(status)) throw new InvalidInputException("status", $"Unknown order status {status}.");
        CheckPage(page, pageSize);
        return readModel.GetByStatusAsync(status, page, pageSize);
    }

    public Task<ResultPage<ExceptionQueueEntry>> GetExceptionQueueAsync(bool includeResolved, int page, int pageSize)
    {
        CheckPage(page, pageSize);
        return readModel.GetExceptionQueueAsync(includeResolved, page, pageSize);
    }

    private static void CheckPage(int page, int pageSize)
    {
        if (page < 1) throw new InvalidInputException("page", "Pages start at 1.");
        if (pageSize < 1 || pageSize > MaxPageSize) throw new InvalidInputException("pageSize", $"Page size must be 1..{MaxPageSize}.");
    }
}
