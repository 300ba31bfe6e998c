namespace Commerce.Grains.Orders;

/// <summary>The last order number handed out on one day.</summary>
[GenerateSerializer, Alias("commerce.state.OrderNumberState")]
public sealed class OrderNumberState
{
    [Id(0)]
    public long Last { get; set; }
}
