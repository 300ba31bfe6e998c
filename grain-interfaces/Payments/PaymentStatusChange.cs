namespace Commerce.GrainInterfaces.Payments;

/// <summary>One entry of a payment's state history.</summary>
[GenerateSerializer, Immutable, Alias("commerce.PaymentStatusChange")]
public sealed record PaymentStatusChange(PaymentStatus Status, DateTimeOffset At, string? Note);
