using Commerce.GrainInterfaces.Common;

namespace Commerce.GrainInterfaces.Behaviour;

/// <summary>
/// One shopper action on the behaviour stream (<see cref="BehaviourStreams"/>), the record the
/// recommender trains on. Versioned: <see cref="SchemaVersion"/> says which fields a producer knew;
/// later versions only add optional fields, so a consumer reads every version it knows and ignores
/// unknown fields. Which fields a kind requires: <see cref="BehaviourEventRules"/>.
/// </summary>
public sealed record BehaviourEvent
{
    /// <summary>The version this code writes.</summary>
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>Unique per action, chosen by the producer: delivery is at-least-once, so consumers drop repeats by it.</summary>
    public required Guid EventId { get; init; }

    public required BehaviourKind Kind { get; init; }

    /// <summary>The shopper; also the stream key.</summary>
    public required string UserId { get; init; }

    /// <summary>The browsing session, when known.</summary>
    public string? SessionId { get; init; }

    public string? Sku { get; init; }

    public string? Category { get; init; }

    /// <summary>The item's unit price (view, cart) or the order total (order placed, paid).</summary>
    public Money? Price { get; init; }

    public int? Quantity { get; init; }

    /// <summary>The search text.</summary>
    public string? Query { get; init; }

    public string? OrderId { get; init; }

    public string? CouponCode { get; init; }

    /// <summary>A review's stars, 1 to 5.</summary>
    public int? Rating { get; init; }

    /// <summary>Where a share went, e.g. <c>wechat</c>, <c>link</c>.</summary>
    public string? Channel { get; init; }

    /// <summary>The friend a <see cref="BehaviourKind.FriendAssist"/> helped.</summary>
    public string? TargetUserId { get; init; }

    /// <summary>When the shopper acted (the producer's clock).</summary>
    public required DateTimeOffset OccurredAt { get; init; }
}
