using Commerce.GrainInterfaces.Common;

namespace Commerce.GrainInterfaces.Orders;

/// <summary>An order's row in the orders read model (listings by user and by status).</summary>
/// <param name="Version">The order's transition sequence: a row is only replaced by a newer version.</param>
[GenerateSerializer, Immutable, Alias("commerce.OrderSummary")]
public sealed record OrderSummary(string OrderId, string UserId, OrderStatus Status, Money Total, int ItemCount, DateTimeOffset PlacedAt, DateTimeOffset UpdatedAt, int Version);
