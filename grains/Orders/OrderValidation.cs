using System.Text.RegularExpressions;
using Commerce.GrainInterfaces.Common;
using Commerce.GrainInterfaces.Orders;

namespace Commerce.Grains.Orders;

/// <summary>Input checks of checkout and order commands; each failure names the offending field.</summary>
public static partial class OrderValidation
{
    public static void Validate(PlaceOrderCommand command, OrderOptions options)
    {
        Identifiers.RequireReference("userId", command.UserId);
        if (string.IsNullOrWhiteSpace(command.IdempotencyKey)) throw new InvalidInputException("idempotencyKey", "An idempotency key is required.");
        ValidateItems(command.Items, options);
        ValidateAddress(command.Address, "address", options.MaxTextLength);
        if (command.RedeemPoints < 0) throw new InvalidInputException("redeemPoints", "Points to redeem must not be negative.");
        if (command.ExpectedTotal is { } expected && (expected.Amount < 0 || !IsCurrency(expected.Currency)))
        {
            throw new InvalidInputException("expectedTotal", "The expected total must be a non-negative amount with an ISO currency code.");
        }
    }

    public static void ValidateItems(IReadOnlyList<OrderLineRequest>? items, OrderOptions options)
    {
        if (items is null || items.Count == 0) throw new InvalidInputException("items", "An order needs at least one item.");
        if (items.Count > options.MaxLines) throw new InvalidInputException("items", $"An order has at most {options.MaxLines} lines.");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i] ?? throw new InvalidInputException($"items[{i}]", "An item is required.");
            Identifiers.RequireSku($"items[{i}].sku", item.Sku);
            if (!seen.Add(item.Sku)) throw new InvalidInputException($"items[{i}].sku", $"'{item.Sku}' appears twice; order it once with the total quantity.");
            Quantities.RequireInRange($"items[{i}].quantity", item.Quantity, 1, options.MaxQuantityPerLine);
        }
    }

    public static void ValidateAddress(ShippingAddress? address, string field, int maxLength)
    {
        if (address is null) throw new InvalidInputException(field, "A shipping address is required.");
        Required($"{field}.recipientName", address.RecipientName, maxLength);
        Required($"{field}.line1", address.Line1, maxLength);
        Required($"{field}.city", address.City, maxLength);
        if (address.Line2 is { Length: > 0 } line2 && line2.Length > maxLength) throw new InvalidInputException($"{field}.line2", $"At most {maxLength} characters.");
        if (address.Region is { Length: > 0 } region && region.Length > maxLength) throw new InvalidInputException($"{field}.region", $"At most {maxLength} characters.");
        if (string.IsNullOrWhiteSpace(address.Phone) || !PhonePattern().IsMatch(address.Phone.Trim()))
        {
            throw new InvalidInputException($"{field}.phone", "A phone number of 5..20 digits (with optional +, spaces, dashes, parentheses) is required.");
        }
        if (string.IsNullOrWhiteSpace(address.PostalCode) || !PostalCodePattern().IsMatch(address.PostalCode.Trim()))
        {
            throw new InvalidInputException($"{field}.postalCode", "A postal code of 2..10 letters, digits, spaces or dashes is required.");
        }
        if (string.IsNullOrWhiteSpace(address.CountryCode) || !CountryPattern().IsMatch(address.CountryCode.Trim().ToUpperInvariant()))
        {
            throw new InvalidInputException($"{field}.countryCode", "A two-letter ISO 3166-1 country code is required.");
        }
    }

    public static ShippingAddress Normalize(ShippingAddress address) => address with
    {
        RecipientName = address.RecipientName.Trim(),
        Phone = address.Phone.Trim(),
        Line1 = address.Line1.Trim(),
        Line2 = string.IsNullOrWhiteSpace(address.Line2) ? null : address.Line2.Trim(),
        City = address.City.Trim(),
        Region = string.IsNullOrWhiteSpace(address.Region) ? null : address.Region.Trim(),
        PostalCode = address.PostalCode.Trim().ToUpperInvariant(),
        CountryCode = address.CountryCode.Trim().ToUpperInvariant(),
    };

    public static void ValidatePayment(PaymentSelection? payment, string field = "payment")
    {
        if (payment is null) throw new InvalidInputException(field, "A payment method is required.");
        if (!Enum.IsDefined(payment.Method)) throw new InvalidInputException($"{field}.method", $"Unknown payment method {payment.Method}.");
        if (string.IsNullOrWhiteSpace(payment.MethodToken) || payment.MethodToken.Length > 256) throw new InvalidInputException($"{field}.methodToken", "A payment method token is required.");
        if (payment.BillingCountry is { } billing && !CountryPattern().IsMatch(billing)) throw new InvalidInputException($"{field}.billingCountry", "A two-letter country code.");
        if (payment.IpCountry is { } ip && !CountryPattern().IsMatch(ip)) throw new InvalidInputException($"{field}.ipCountry", "A two-letter country code.");
    }

    /// <summary>Who acts on an order (<see cref="ActorNames"/>): a reference of 1..<see cref="Identifiers.MaxReferenceLength"/> characters.</summary>
    public static void ValidateActor(string actor) => Identifiers.RequireReference("actor", actor);

    public static void ValidateText(string field, string? value, int maxLength) => Required(field, value, maxLength);

    private static void Required(string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value)) throw new InvalidInputException(field, "Required.");
        if (value.Length > maxLength) throw new InvalidInputException(field, $"At most {maxLength} characters.");
    }

    private static bool IsCurrency(string? code) => code is { Length: 3 } && code.All(char.IsAsciiLetterUpper);

    [GeneratedRegex(@"^\+?[0-9 ()\-]{5,20}$")]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9 \-]{1,9}$")]
    private static partial Regex PostalCodePattern();

    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex CountryPattern();
}
