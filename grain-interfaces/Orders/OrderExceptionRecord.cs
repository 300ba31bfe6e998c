namespace Commerce.GrainInterfaces.Orders;

/// <summary>One exception an order went through, and how it was resolved (null fields while open).</summary>
[GenerateSerializer, Immutable, Alias("commerce.OrderExceptionRecord")]
public sealed record OrderExceptionRecord(
    int Number,
    OrderExceptionKind Kind,
    string Detail,
    OrderStatus StatusBefore,
    DateTimeOffset RaisedAt,
    string RaisedBy,
    ExceptionAction? Resolution,
    string? ResolutionNote,
    DateTimeOffset? ResolvedAt,
    string? ResolvedBy);
