namespace Commerce.GrainInterfaces.Inventory;

/// <summary>Units held for an order until <see cref="ExpiresAt"/>.</summary>
/// <param name="Backordered">True when some units are not in stock and will ship when it arrives.</param>
/// <param name="ExpectedDate">When backordered units are expected, if known.</param>
[GenerateSerializer, Immutable, Alias("commerce.StockReservation")]
public sealed record StockReservation(string ReservationId, string Sku, int Quantity, DateTimeOffset ExpiresAt, bool Backordered, DateOnly? ExpectedDate)
{
    /// <summary>How many of <see cref="Quantity"/> are backordered (0 unless <see cref="Backordered"/>).</summary>
    [Id(0)]
    public int BackorderedQuantity { get; init; }
}
