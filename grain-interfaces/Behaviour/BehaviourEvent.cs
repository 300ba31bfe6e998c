using Commerce.GrainInterfaces.Common;

namespace Commerce.GrainInterfaces.Behaviour;

/// <summary>
/// One shopper action on the behaviour stream (<see cref="BehaviourStreams"/>), the record the
/// recommender trains on. Versioned: <see cref="SchemaVersion"/> says which fields a producer knew;
/// later versions only add optional fields, so a consumer reads every version it knows and ignores
/// unknown fields. Which fields a kind requires: <see cref="BehaviourEventRules"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("commerce.BehaviourEvent")]
public sealed record BehaviourEvent
{
    /// <summary>The version this code writes.</summary>
    public const int CurrentSchemaVersion = 1;

    [Id(0)]
    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>Unique per action, chosen by the producer: delivery is at-least-once, so consumers drop repeats by it.</summary>
    [Id(1)]
    public required Guid EventId { get; init; }

    [Id(2)]
    public required BehaviourKind Kind { get; init; }

    /// <summary>The shopper; also the stream key.</summary>
    [Id(3)]
    public required string UserId { get; init; }

    /// <summary>The browsing session, when known.</summary>
    [Id(4)]
    public string? SessionId { get; init; }

    [Id(5)]
    public string? Sku { get; init; }

    [Id(6)]
    public string? Category { get; init; }

    /// <summary>The item's unit price (view, cart) or the order total (order placed, paid).</summary>
    [Id(7)]
    public Money? Price { get; init; }

    [Id(8)]
    public int? Quantity { get; init; }

    /// <summary>The search text.</summary>
    [Id(9)]
    public string? Query { get; init; }

    [Id(10)]
    public string? OrderId { get; init; }

    [Id(11)]
    public string? CouponCode { get; init; }

    /// <summary>A review's stars, 1 to 5.</summary>
    [Id(12)]
    public int? Rating { get; init; }

    /// <summary>Where a share went, e.g. <c>wechat</c>, <c>link</c>.</summary>
    [Id(13)]
    public string? Channel { get; init; }

    /// <summary>The friend a <see cref="BehaviourKind.FriendAssist"/> helped.</summary>
    [Id(14)]
    public string? TargetUserId { get; init; }

    /// <summary>When the shopper acted (the producer's clock).</summary>
    [Id(15)]
    public required DateTimeOffset OccurredAt { get; init; }
}
