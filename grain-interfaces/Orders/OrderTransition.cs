namespace Commerce.GrainInterfaces.Orders;

/// <summary>One recorded move of an order: from where (null for placement), to where, why, when and by whom.</summary>
[GenerateSerializer, Immutable, Alias("commerce.OrderTransition")]
public sealed record OrderTransition(int Sequence, OrderStatus? From, OrderStatus To, OrderTrigger Trigger, string Actor, DateTimeOffset At, string? Detail);
