namespace Commerce.GrainInterfaces.Payments;

/// <summary>Where a payment stands.</summary>
public enum PaymentStatus
{
    /// <summary>Sent to the gateway, outcome not known yet (bank transfer, or a gateway timeout).</summary>
    Pending,

    /// <summary>Funds held, not captured yet.</summary>
    Authorized,

    /// <summary>Funds taken; the order is paid.</summary>
    Captured,

    /// <summary>The gateway refused the payment (card declined, insufficient funds).</summary>
    Declined,

    /// <summary>Our fraud scoring refused the payment; the gateway never saw it.</summary>
    Blocked,

    /// <summary>The gateway failed the payment (e.g. a bank transfer that never arrived).</summary>
    Failed,

    /// <summary>Everything captured was refunded.</summary>
    Refunded,

    /// <summary>Part of what was captured was refunded.</summary>
    PartiallyRefunded,
}
