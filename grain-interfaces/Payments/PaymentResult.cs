namespace Commerce.GrainInterfaces.Payments;

/// <summary>The outcome of <see cref="IPaymentGrain.PayAsync"/>, or of a pending payment completing.</summary>
/// <param name="Reason">Why a payment is not captured (decline code, block reasons), null when captured.</param>
/// <param name="Risk">The fraud assessment the payment got, null when it never reached scoring.</param>
[GenerateSerializer, Immutable, Alias("commerce.PaymentResult")]
public sealed record PaymentResult(string PaymentId, PaymentStatus Status, string? Reason, RiskAssessment? Risk);
