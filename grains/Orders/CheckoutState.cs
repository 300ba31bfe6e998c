namespace Commerce.Grains.Orders;

/// <summary>What one checkout attempt remembers: the order number it took and whether it already asked for payment.</summary>
[GenerateSerializer, Alias("commerce.state.CheckoutState")]
public sealed class CheckoutState
{
    [Id(0)]
    public string? OrderId { get; set; }

    /// <summary><c>cart</c> or <c>buy-now</c>: a key reused for the other kind of checkout is refused.</summary>
    [Id(1)]
    public string? Kind { get; set; }

    [Id(2)]
    public bool PaymentRequested { get; set; }
}
