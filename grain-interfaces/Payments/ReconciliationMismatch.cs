namespace Commerce.GrainInterfaces.Payments;

/// <summary>One disagreement between the gateway and us, with what each side says.</summary>
[GenerateSerializer, Immutable, Alias("commerce.ReconciliationMismatch")]
public sealed record ReconciliationMismatch(MismatchKind Kind, string PaymentId, string? OrderId, string Ours, string Gateway);
