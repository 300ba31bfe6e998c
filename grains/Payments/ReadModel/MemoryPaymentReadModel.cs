using System.Collections.Concurrent;
using Commerce.GrainInterfaces.Payments;

namespace Commerce.Grains.Payments.ReadModel;

/// <summary>The payment read model in this process's memory: the embedded default and in-process tests.</summary>
public sealed class MemoryPaymentReadModel : IPaymentReadModel
{
    private readonly ConcurrentDictionary<string, PaymentRecord> _payments = new(StringComparer.Ordinal);

    public Task UpsertAsync(PaymentRecord payment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(payment);
        _payments.AddOrUpdate(payment.PaymentId, payment, (_, stored) => stored.UpdatedAt > payment.UpdatedAt ? stored : payment);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<PaymentRecord>> ListCreatedAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<PaymentRecord>>(_payments.Values
            .Where(p => p.CreatedAt >= from && p.CreatedAt < to)
            .OrderBy(p => p.CreatedAt).ThenBy(p => p.PaymentId, StringComparer.Ordinal)
            .ToList());

    public Task<IReadOnlyList<PaymentRecord>> ListUnsettledAsync(DateTimeOffset before, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<PaymentRecord>>(_payments.Values
            .Where(p => p.UnsettledSince is { } since && since < before)
            .OrderBy(p => p.UnsettledSince).ThenBy(p => p.PaymentId, StringComparer.Ordinal)
            .ToList());
}
