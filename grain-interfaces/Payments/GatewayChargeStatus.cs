namespace Commerce.GrainInterfaces.Payments;

/// <summary>How the gateway sees a charge.</summary>
public enum GatewayChargeStatus
{
    /// <summary>Accepted, outcome not final (bank transfer awaiting funds).</summary>
    Pending,

    /// <summary>Funds held.</summary>
    Authorized,

    /// <summary>Funds taken.</summary>
    Captured,

    /// <summary>Refused by the issuer or the wallet.</summary>
    Declined,

    /// <summary>Failed (e.g. transfer never arrived).</summary>
    Failed,

    /// <summary>Captured, then refunded in full.</summary>
    Refunded,

    /// <summary>Captured, then refunded in part.</summary>
    PartiallyRefunded,
}
