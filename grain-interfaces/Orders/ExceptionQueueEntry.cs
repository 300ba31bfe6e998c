namespace Commerce.GrainInterfaces.Orders;

/// <summary>One exception order in the admins' queue; resolved entries keep their resolution.</summary>
[GenerateSerializer, Immutable, Alias("commerce.ExceptionQueueEntry")]
public sealed record ExceptionQueueEntry(string OrderId, string UserId, OrderExceptionRecord Exception);
