namespace Commerce.Grains.Users;

/// <summary>A saved address: the whole <c>AddressInput</c> as encrypted JSON.</summary>
public sealed class StoredAddress
{
    public string Id { get; set; } = "";

    public string ProtectedAddress { get; set; } = "";
}
