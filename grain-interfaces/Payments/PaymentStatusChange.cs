namespace Commerce.GrainInterfaces.Payments;

/// <summary>One entry of a payment's state history.</summary>
public sealed record PaymentStatusChange(PaymentStatus Status, DateTimeOffset At, string? Note);
