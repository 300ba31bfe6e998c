namespace Commerce.GrainInterfaces.Users;

/// <summary>What an account holds about its person, for a privacy export.</summary>
[GenerateSerializer, Immutable, Alias("commerce.UserDataExport")]
public sealed record UserDataExport(
    UserProfile Profile,
    IReadOnlyList<SavedAddress> Addresses,
    IReadOnlyList<SavedPaymentMethod> PaymentMethods,
    DateTimeOffset ExportedAt);
