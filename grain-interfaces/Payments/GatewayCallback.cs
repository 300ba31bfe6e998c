namespace Commerce.GrainInterfaces.Payments;

/// <summary>
/// The body of a gateway callback (webhook), after its signature was verified: the gateway's new view of a charge.
/// </summary>
/// <param name="EventId">Unique per event; a gateway may deliver the same event more than once.</param>
/// <param name="PaymentId">Our payment id, which we gave the gateway as idempotency key.</param>
/// <param name="GatewayReference">The gateway's id of the charge.</param>
/// <param name="Amount">The charge amount as the gateway has it.</param>
/// <param name="DeclineCode">Why the charge was declined or failed, when it was.</param>
/// <param name="OccurredAt">When the gateway recorded the change.</param>
[GenerateSerializer, Immutable, Alias("commerce.GatewayCallback")]
public sealed record GatewayCallback(
    string EventId,
    string PaymentId,
    string GatewayReference,
    GatewayChargeStatus Status,
    decimal Amount,
    string Currency,
    string? DeclineCode,
    DateTimeOffset OccurredAt);
