namespace Commerce.Grains.Payments.ReadModel;

/// <summary>Payments listed by period, for reconciliation, settlement and admin listings.</summary>
public interface IPaymentReadModel
{
    /// <summary>Inserts or replaces the payment's row; a row older than the stored one (by UpdatedAt) is ignored.</summary>
    Task UpsertAsync(PaymentRecord payment, CancellationToken cancellationToken = default);

    /// <summary>Payments created in [<paramref name="from"/>, <paramref name="to"/>), oldest first.</summary>
    Task<IReadOnlyList<PaymentRecord>> ListCreatedAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);

    /// <summary>Payments captured in [<paramref name="from"/>, <paramref name="to"/>) and not settled yet, oldest first.</summary>
    Task<IReadOnlyList<PaymentRecord>> ListUnsettledCapturedAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);
}
