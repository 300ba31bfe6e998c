namespace Commerce.Grains.Users;

/// <summary>A saved payment method; only the gateway token is sensitive.</summary>
public sealed class StoredPaymentMethod
{
    public string Id { get; set; } = "";

    public string Kind { get; set; } = "";

    public string ProtectedToken { get; set; } = "";

    public string? Brand { get; set; }

    public string? Last4 { get; set; }

    public bool IsDefault { get; set; }
}
