namespace Commerce.GrainInterfaces.Orders;

/// <summary>
/// Published on the durable stream <c>orders/{orderId}</c> (namespace <see cref="StreamNamespace"/>) for every
/// transition; consumers dedupe by (<see cref="OrderId"/>, <see cref="Sequence"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("commerce.OrderEvent")]
public sealed record OrderEvent(
    string OrderId,
    string UserId,
    int Sequence,
    OrderStatus? From,
    OrderStatus To,
    OrderTrigger Trigger,
    string Actor,
    DateTimeOffset At,
    string? Detail,
    decimal Total,
    string Currency)
{
    public const string StreamNamespace = "orders";
}
