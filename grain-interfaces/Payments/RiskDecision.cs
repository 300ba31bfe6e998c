namespace Commerce.GrainInterfaces.Payments;

/// <summary>What fraud scoring decides about a payment.</summary>
public enum RiskDecision
{
    /// <summary>Send it to the gateway.</summary>
    Allow,

    /// <summary>Send it to the gateway and mark it for review.</summary>
    Flag,

    /// <summary>Refuse it before it reaches the gateway.</summary>
    Block,
}
