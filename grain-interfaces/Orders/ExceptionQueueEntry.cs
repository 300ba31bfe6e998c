namespace Commerce.GrainInterfaces.Orders;

/// <summary>One exception order in the admins' queue; resolved entries keep their resolution.</summary>
public sealed record ExceptionQueueEntry(string OrderId, string UserId, OrderExceptionRecord Exception);
