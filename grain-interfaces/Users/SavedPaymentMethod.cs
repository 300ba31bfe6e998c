namespace Commerce.GrainInterfaces.Users;

[GenerateSerializer, Immutable, Alias("commerce.SavedPaymentMethod")]
public sealed record SavedPaymentMethod(string PaymentMethodId, string Kind, string Token, string? Brand, string? Last4, bool IsDefault);
