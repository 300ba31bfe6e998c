namespace Commerce.GrainInterfaces.Users;

[GenerateSerializer, Immutable, Alias("commerce.SavedAddress")]
public sealed record SavedAddress(string AddressId, AddressInput Address);
