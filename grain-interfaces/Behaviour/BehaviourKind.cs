using System.Text.Json.Serialization;

namespace Commerce.GrainInterfaces.Behaviour;

/// <summary>What a shopper did. Serialized by name, so the durable log reads well in SQL and new kinds append safely.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BehaviourKind>))]
public enum BehaviourKind
{
    /// <summary>Viewed a product page (<see cref="BehaviourEvent.Sku"/>).</summary>
    View,

    /// <summary>Searched (<see cref="BehaviourEvent.Query"/>).</summary>
    Search,

    /// <summary>Added <see cref="BehaviourEvent.Quantity"/> of <see cref="BehaviourEvent.Sku"/> to the cart.</summary>
    AddToCart,

    /// <summary>Removed <see cref="BehaviourEvent.Quantity"/> of <see cref="BehaviourEvent.Sku"/> from the cart.</summary>
    RemoveFromCart,

    /// <summary>Marked <see cref="BehaviourEvent.Sku"/> as a favourite.</summary>
    Favourite,

    /// <summary>Placed order <see cref="BehaviourEvent.OrderId"/> for <see cref="BehaviourEvent.Price"/>.</summary>
    OrderPlaced,

    /// <summary>Paid order <see cref="BehaviourEvent.OrderId"/>, <see cref="BehaviourEvent.Price"/>.</summary>
    OrderPaid,

    /// <summary>Reviewed <see cref="BehaviourEvent.Sku"/> with <see cref="BehaviourEvent.Rating"/>.</summary>
    Review,

    /// <summary>Claimed coupon <see cref="BehaviourEvent.CouponCode"/>.</summary>
    CouponClaimed,

    /// <summary>Shared <see cref="BehaviourEvent.Sku"/> on <see cref="BehaviourEvent.Channel"/>.</summary>
    Share,

    /// <summary>Helped friend <see cref="BehaviourEvent.TargetUserId"/> (e.g. a group-buy or bargain assist).</summary>
    FriendAssist,
}
