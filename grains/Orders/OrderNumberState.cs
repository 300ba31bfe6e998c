namespace Commerce.Grains.Orders;

/// <summary>The last order number handed out on one day.</summary>
public sealed class OrderNumberState
{
    public long Last { get; set; }
}
