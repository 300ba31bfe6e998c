using Commerce.GrainInterfaces.Common;

namespace Commerce.Api.Errors;

/// <summary>Checks at the HTTP edge, before a grain is called; each throws <see cref="InvalidInputException"/> naming the field.</summary>
internal static class Edge
{
    /// <summary>Longest id in a route (user, order, product ids). Default 64 characters.</summary>
    public const int MaxIdLength = 64;

    public static int Range(string field, int value, int min, int max) =>
        value >= min && value <= max ? value : throw new InvalidInputException(field, $"'{field}' must be between {min} and {max}.");

    public static string Id(string field, string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxIdLength || !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '@'))
            throw new InvalidInputException(field, $"'{field}' is 1 to {MaxIdLength} letters, digits, '-', '_', '.' or '@'.");
        return value;
    }

    public static string? OptionalText(string field, string? value, int maxLength) =>
        value is null || value.Length <= maxLength ? value : throw new InvalidInputException(field, $"'{field}' may have at most {maxLength} characters.");

    public static TEnum? OptionalEnum<TEnum>(string field, string? value) where TEnum : struct, Enum
    {
        if (value is null) return null;
        if (Enum.TryParse<TEnum>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(value, out _)) return parsed;
        throw new InvalidInputException(field, $"'{field}' is one of {string.Join(", ", Enum.GetNames<TEnum>())}.");
    }
}
