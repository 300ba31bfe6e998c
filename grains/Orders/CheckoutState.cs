namespace Commerce.Grains.Orders;

/// <summary>What one checkout attempt remembers: the order number it took and whether it already asked for payment.</summary>
public sealed class CheckoutState
{
    public string? OrderId { get; set; }

    /// <summary><c>cart</c> or <c>buy-now</c>: a key reused for the other kind of checkout is refused.</summary>
    public string? Kind { get; set; }

    public bool PaymentRequested { get; set; }
}
