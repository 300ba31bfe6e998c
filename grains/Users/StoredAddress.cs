namespace Commerce.Grains.Users;

/// <summary>A saved address: the whole <c>AddressInput</c> as encrypted JSON.</summary>
[GenerateSerializer, Alias("commerce.state.StoredAddress")]
public sealed class StoredAddress
{
    [Id(0)]
    public string Id { get; set; } = "";

    [Id(1)]
    public string ProtectedAddress { get; set; } = "";
}
