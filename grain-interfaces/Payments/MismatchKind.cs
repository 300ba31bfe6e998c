namespace Commerce.GrainInterfaces.Payments;

/// <summary>How a gateway record and our payment disagree.</summary>
public enum MismatchKind
{
    /// <summary>Both exist, but captured or refunded amounts (or currencies) differ.</summary>
    AmountMismatch,

    /// <summary>The gateway has a charge we have no payment for.</summary>
    MissingOnOurSide,

    /// <summary>We have a charged payment the gateway does not know.</summary>
    MissingAtGateway,

    /// <summary>Both exist, but their statuses disagree (e.g. captured there, pending here).</summary>
    StatusMismatch,
}
