namespace Commerce.GrainInterfaces.Users;

public sealed record SavedAddress(string AddressId, AddressInput Address);
