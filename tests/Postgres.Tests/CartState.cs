namespace Commerce.Runtime.Postgres.Tests;

public sealed record CartState
{
    public List<CartLine> Lines { get; init; } = [];

    public Dictionary<string, int> QuantitiesByWarehouse { get; init; } = [];

    public Dictionary<string, List<decimal>> PriceHistory { get; init; } = [];

    public Address? ShipTo { get; init; }

    public string? Coupon { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }
}
