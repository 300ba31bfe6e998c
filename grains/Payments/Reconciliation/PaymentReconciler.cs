using Commerce.GrainInterfaces.Payments;
using Commerce.Grains.Payments.Gateway;
using Commerce.Grains.Payments.ReadModel;

namespace Commerce.Grains.Payments.Reconciliation;

/// <summary>
/// Matches the gateway's records with our payments by payment id (the gateway's idempotency key). Pure.
/// A gateway record with no payment is <see cref="MismatchKind.MissingOnOurSide"/>; a payment that reached
/// the gateway (anything but Blocked) with no record is <see cref="MismatchKind.MissingAtGateway"/>; statuses
/// that disagree are <see cref="MismatchKind.StatusMismatch"/>; equal statuses with different amount,
/// currency, captured or refunded sums are <see cref="MismatchKind.AmountMismatch"/>.
/// </summary>
public static class PaymentReconciler
{
    /// <param name="gatewayRecords">The gateway's records of the period.</param>
    /// <param name="ours">Our payments of the period; may reach beyond it so records near its edges find their match.</param>
    /// <param name="reportMissingAtGateway">Which of ours must have a gateway record (those created inside the period).</param>
    public static (int Matched, IReadOnlyList<ReconciliationMismatch> Mismatches) Reconcile(
        IReadOnlyList<GatewayRecord> gatewayRecords,
        IReadOnlyList<PaymentRecord> ours,
        Func<PaymentRecord, bool> reportMissingAtGateway)
    {
        var byId = ours.ToDictionary(p => p.PaymentId, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var mismatches = new List<ReconciliationMismatch>();
        var matched = 0;

        foreach (var record in gatewayRecords)
        {
            seen.Add(record.PaymentId);
            if (!byId.TryGetValue(record.PaymentId, out var payment))
            {
                mismatches.Add(new(MismatchKind.MissingOnOurSide, record.PaymentId, record.OrderId, "none", Describe(record)));
            }
            else if (StatusOf(record.Status) != payment.Status)
            {
                mismatches.Add(new(MismatchKind.StatusMismatch, record.PaymentId, payment.OrderId, Describe(payment), Describe(record)));
            }
            else if (record.Amount != payment.Amount || record.Currency != payment.Currency
                || record.Captured != payment.Captured || record.Refunded != payment.Refunded)
            {
                mismatches.Add(new(MismatchKind.AmountMismatch, record.PaymentId, payment.OrderId, Describe(payment), Describe(record)));
            }
            else
            {
                matched++;
            }
        }

        foreach (var payment in ours)
        {
            if (seen.Contains(payment.PaymentId) || payment.Status == PaymentStatus.Blocked || !reportMissingAtGateway(payment)) continue;
            mismatches.Add(new(MismatchKind.MissingAtGateway, payment.PaymentId, payment.OrderId, Describe(payment), "none"));
        }
        return (matched, mismatches);
    }

    private static PaymentStatus StatusOf(GatewayChargeStatus status) => status switch
    {
        GatewayChargeStatus.Pending => PaymentStatus.Pending,
        GatewayChargeStatus.Authorized => PaymentStatus.Authorized,
        GatewayChargeStatus.Captured => PaymentStatus.Captured,
        GatewayChargeStatus.Declined => PaymentStatus.Declined,
        GatewayChargeStatus.Failed => PaymentStatus.Failed,
        GatewayChargeStatus.Refunded => PaymentStatus.Refunded,
        GatewayChargeStatus.PartiallyRefunded => PaymentStatus.PartiallyRefunded,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    private static string Describe(GatewayRecord r) => $"{r.Status} {r.Amount} {r.Currency}, captured {r.Captured}, refunded {r.Refunded}";

    private static string Describe(PaymentRecord p) => $"{p.Status} {p.Amount} {p.Currency}, captured {p.Captured}, refunded {p.Refunded}";
}
