using System.Text.RegularExpressions;
using Commerce.GrainInterfaces.Common;
using Commerce.GrainInterfaces.Users;

namespace Commerce.Grains.Users;

/// <summary>What account inputs may look like; each rule throws <see cref="InvalidInputException"/> naming the field.</summary>
public static partial class UserInputRules
{
    public const int MaxEmailLength = 254;
    public const int MaxPasswordLength = 128;
    public const int MaxDisplayNameLength = 100;
    public const int MaxLineLength = 200;
    public const int MaxShortTextLength = 100;

    /// <summary>Payment method kinds a token may be saved for.</summary>
    public static IReadOnlyList<string> PaymentMethodKinds { get; } = ["card", "wallet", "bank"];

    public static string Email(string? email)
    {
        var trimmed = email?.Trim();
        if (string.IsNullOrEmpty(trimmed)) throw new InvalidInputException("email", "An e-mail address is required.");
        if (trimmed.Length > MaxEmailLength || !EmailPattern().IsMatch(trimmed))
            throw new InvalidInputException("email", "Not a valid e-mail address.");
        return trimmed;
    }

    public static void Password(string? password, int minLength)
    {
        if (string.IsNullOrEmpty(password) || password.Length < minLength)
            throw new InvalidInputException("password", $"The password needs at least {minLength} characters.");
        if (password.Length > MaxPasswordLength) throw new InvalidInputException("password", $"The password may have at most {MaxPasswordLength} characters.");
    }

    public static string Text(string field, string? value, int maxLength)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed)) throw new InvalidInputException(field, $"'{field}' is required.");
        return OptionalText(field, trimmed, maxLength)!;
    }

    public static string? OptionalText(string field, string? value, int maxLength)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed)) return null;
        if (trimmed.Length > maxLength) throw new InvalidInputException(field, $"'{field}' may have at most {maxLength} characters.");
        if (trimmed.Any(char.IsControl)) throw new InvalidInputException(field, $"'{field}' must not contain control characters.");
        return trimmed;
    }

    public static string? Phone(string field, string? phone)
    {
        var trimmed = phone?.Trim();
        if (string.IsNullOrEmpty(trimmed)) return null;
        if (!PhonePattern().IsMatch(trimmed)) throw new InvalidInputException(field, "A phone number has 5 to 20 digits, spaces, '-', '(' or ')', optionally after '+'.");
        return trimmed;
    }

    public static IReadOnlyList<string> Roles(IReadOnlyList<string>? roles)
    {
        if (roles is null || roles.Count == 0) return [UserRoles.Customer];
        foreach (var role in roles)
        {
            if (!UserRoles.All.Contains(role)) throw new InvalidInputException("roles", $"Unknown role '{Truncate(role)}'; roles are {string.Join(", ", UserRoles.All)}.");
        }

        return roles.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
    }

    public static AddressInput Address(AddressInput? address)
    {
        if (address is null) throw new InvalidInputException("address", "An address is required.");
        var country = address.Country?.Trim().ToUpperInvariant();
        if (country is null || !CountryPattern().IsMatch(country)) throw new InvalidInputException("address.country", "A country is an ISO 3166 alpha-2 code such as 'DE'.");
        return new AddressInput(
            Text("address.label", address.Label, 40),
            Text("address.recipient", address.Recipient, MaxShortTextLength),
            Text("address.line1", address.Line1, MaxLineLength),
            OptionalText("address.line2", address.Line2, MaxLineLength),
            Text("address.city", address.City, MaxShortTextLength),
            Text("address.postalCode", address.PostalCode, 20),
            country,
            Phone("address.phone", address.Phone),
            address.IsDefault);
    }

    public static PaymentMethodInput PaymentMethod(PaymentMethodInput? method)
    {
        if (method is null) throw new InvalidInputException("paymentMethod", "A payment method is required.");
        if (method.Kind is null || !PaymentMethodKinds.Contains(method.Kind))
            throw new InvalidInputException("paymentMethod.kind", $"Kinds are {string.Join(", ", PaymentMethodKinds)}.");
        if (method.Token is null || !TokenPattern().IsMatch(method.Token))
            throw new InvalidInputException("paymentMethod.token", "A gateway token starts with a letter and has 8 to 200 letters, digits, '_', '-', ':' or '.'.");
        if (method.Last4 is not null && !Last4Pattern().IsMatch(method.Last4))
            throw new InvalidInputException("paymentMethod.last4", "Last4 is four digits.");
        return method with { Brand = OptionalText("paymentMethod.brand", method.Brand, 30) };
    }

    private static string Truncate(string text) => text.Length <= 32 ? text : text[..32] + "…";

    [GeneratedRegex(@"^[^@\s\p{Cc}]{1,64}@[^@\s\p{Cc}]+\.[^@\s\p{Cc}]+$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^\+?[0-9][0-9 ()\-]{4,19}$")]
    private static partial Regex PhonePattern();

    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex CountryPattern();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_\-:.]{7,199}$")]
    private static partial Regex TokenPattern();

    [GeneratedRegex(@"^[0-9]{4}$")]
    private static partial Regex Last4Pattern();
}
