using Commerce.GrainInterfaces.Common;

namespace Commerce.GrainInterfaces.Behaviour;

/// <summary>
/// What makes a <see cref="BehaviourEvent"/> acceptable: the fields each kind needs, and bounds on
/// all of them. Pure, so the API, grains and tests share it; a violation is an
/// <see cref="InvalidInputException"/> naming the field (HTTP 400).
/// </summary>
public static class BehaviourEventRules
{
    /// <summary>The longest id (user, session, sku, order, coupon...) accepted.</summary>
    public const int MaxIdLength = 128;

    /// <summary>The longest search text accepted.</summary>
    public const int MaxQueryLength = 256;

    /// <summary>The largest cart quantity an event may carry.</summary>
    public const int MaxQuantity = 10_000;

    /// <summary>How far in the future <see cref="BehaviourEvent.OccurredAt"/> may be: client clocks run ahead a little.</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>Throws <see cref="InvalidInputException"/> for the first problem of <paramref name="behaviour"/>.</summary>
    public static void Validate(BehaviourEvent behaviour, DateTimeOffset now)
    {
        if (behaviour is null) throw new InvalidInputException("event", "A behaviour event is required.");
        if (behaviour.SchemaVersion < 1 || behaviour.SchemaVersion > BehaviourEvent.CurrentSchemaVersion)
            throw new InvalidInputException("schemaVersion", $"Schema version {behaviour.SchemaVersion} is not supported (1 to {BehaviourEvent.CurrentSchemaVersion}).");
        if (behaviour.EventId == Guid.Empty) throw new InvalidInputException("eventId", "An event id is required.");
        if (!Enum.IsDefined(behaviour.Kind)) throw new InvalidInputException("kind", $"Unknown behaviour kind {(int)behaviour.Kind}.");
        Id(behaviour.UserId, "userId", required: true);
        Id(behaviour.SessionId, "sessionId", required: false);
        Id(behaviour.Category, "category", required: false);
        if (behaviour.OccurredAt == default) throw new InvalidInputException("occurredAt", "The time of the action is required.");
        if (behaviour.OccurredAt > now + MaxClockSkew) throw new InvalidInputException("occurredAt", "The time of the action is in the future.");
        if (behaviour.Price is { } price)
        {
            if (price.Amount < 0) throw new InvalidInputException("price.amount", "A price must not be negative.");
            if (price.Currency is not { Length: 3 } currency || !currency.All(char.IsAsciiLetterUpper))
                throw new InvalidInputException("price.currency", "A currency is a three-letter ISO 4217 code such as EUR.");
        }

        if (behaviour.Quantity is < 1 or > MaxQuantity) throw new InvalidInputException("quantity", $"A quantity is between 1 and {MaxQuantity}.");
        if (behaviour.Rating is < 1 or > 5) throw new InvalidInputException("rating", "A rating is between 1 and 5.");
        if (behaviour.Query is { Length: > MaxQueryLength }) throw new InvalidInputException("query", $"A search is at most {MaxQueryLength} characters.");
        Id(behaviour.Channel, "channel", required: false);

        switch (behaviour.Kind)
        {
            case BehaviourKind.View:
            case BehaviourKind.Favourite:
                Id(behaviour.Sku, "sku", required: true);
                break;
            case BehaviourKind.Search:
                if (string.IsNullOrWhiteSpace(behaviour.Query)) throw new InvalidInputException("query", "A search needs its text.");
                break;
            case BehaviourKind.AddToCart:
            case BehaviourKind.RemoveFromCart:
                Id(behaviour.Sku, "sku", required: true);
                if (behaviour.Quantity is null) throw new InvalidInputException("quantity", "A cart change needs its quantity.");
                break;
            case BehaviourKind.OrderPlaced:
            case BehaviourKind.OrderPaid:
                Id(behaviour.OrderId, "orderId", required: true);
                if (behaviour.Price is null) throw new InvalidInputException("price", "An order event needs the order total.");
                break;
            case BehaviourKind.Review:
                Id(behaviour.Sku, "sku", required: true);
                if (behaviour.Rating is null) throw new InvalidInputException("rating", "A review needs its rating.");
                break;
            case BehaviourKind.CouponClaimed:
                Id(behaviour.CouponCode, "couponCode", required: true);
                break;
            case BehaviourKind.Share:
                Id(behaviour.Sku, "sku", required: true);
                Id(behaviour.Channel, "channel", required: true);
                break;
            case BehaviourKind.FriendAssist:
                Id(behaviour.TargetUserId, "targetUserId", required: true);
                if (string.Equals(behaviour.TargetUserId, behaviour.UserId, StringComparison.Ordinal))
                    throw new InvalidInputException("targetUserId", "A shopper cannot assist themselves.");
                break;
        }
    }

    private static void Id(string? value, string field, bool required)
    {
        if (value is null)
        {
            if (required) throw new InvalidInputException(field, $"{field} is required.");
            return;
        }

        if (string.IsNullOrWhiteSpace(value) || value.Length > MaxIdLength || value.Any(char.IsControl) || value.Any(char.IsSurrogate))
            throw new InvalidInputException(field, $"{field} must be 1 to {MaxIdLength} printable characters.");
    }
}
