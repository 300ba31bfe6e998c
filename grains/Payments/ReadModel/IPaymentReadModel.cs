namespace Commerce.Grains.Payments.ReadModel;

/// <summary>Payments listed by period, for reconciliation, settlement and admin listings.</summary>
public interface IPaymentReadModel
{
    /// <summary>Inserts or replaces the payment's row; a row older than the stored one (by UpdatedAt) is ignored.</summary>
    Task UpsertAsync(PaymentRecord payment, CancellationToken cancellationToken = default);

    /// <summary>Payments created in [<paramref name="from"/>, <paramref name="to"/>), oldest first.</summary>
    Task<IReadOnlyList<PaymentRecord>> ListCreatedAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);

    /// <summary>
    /// Payments with a money movement (capture, refund) not settled yet that happened before <paramref name="before"/>
    /// (<see cref="PaymentRecord.UnsettledSince"/>), oldest first.
    /// </summary>
    Task<IReadOnlyList<PaymentRecord>> ListUnsettledAsync(DateTimeOffset before, CancellationToken cancellationToken = default);
}
