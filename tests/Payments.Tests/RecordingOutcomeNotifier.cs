using System.Collections.Concurrent;
using Commerce.GrainInterfaces.Payments;
using Commerce.Grains.Payments;

namespace Commerce.Payments.Tests;

/// <summary>Stands in for the order grain: records every payment outcome it is told.</summary>
public sealed class RecordingOutcomeNotifier : IPaymentOutcomeNotifier
{
    public ConcurrentQueue<(string OrderId, PaymentResult Result)> Outcomes { get; } = new();

    public Task NotifyAsync(string orderId, PaymentResult result)
    {
        Outcomes.Enqueue((orderId, result));
        return Task.CompletedTask;
    }

    public async Task<PaymentResult> WaitForAsync(string paymentId, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (DateTime.UtcNow < deadline)
        {
            var hit = Outcomes.FirstOrDefault(o => o.Result.PaymentId == paymentId);
            if (hit.Result is not null) return hit.Result;
            await Task.Delay(20);
        }
        throw new TimeoutException($"No outcome for payment {paymentId}.");
    }
}
