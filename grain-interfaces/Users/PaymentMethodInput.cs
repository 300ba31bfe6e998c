namespace Commerce.GrainInterfaces.Users;

/// <summary>
/// A payment method to save for one-click buy: the payment gateway's token for it, never a card
/// number. <paramref name="Kind"/> e.g. <c>card</c>, <c>wallet</c>, <c>bank</c>.
/// </summary>
[GenerateSerializer, Immutable, Alias("commerce.PaymentMethodInput")]
public sealed record PaymentMethodInput(string Kind, string Token, string? Brand, string? Last4, bool IsDefault);
