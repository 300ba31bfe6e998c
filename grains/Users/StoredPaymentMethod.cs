namespace Commerce.Grains.Users;

/// <summary>A saved payment method; only the gateway token is sensitive.</summary>
[GenerateSerializer, Alias("commerce.state.StoredPaymentMethod")]
public sealed class StoredPaymentMethod
{
    [Id(0)]
    public string Id { get; set; } = "";

    [Id(1)]
    public string Kind { get; set; } = "";

    [Id(2)]
    public string ProtectedToken { get; set; } = "";

    [Id(3)]
    public string? Brand { get; set; }

    [Id(4)]
    public string? Last4 { get; set; }

    [Id(5)]
    public bool IsDefault { get; set; }
}
