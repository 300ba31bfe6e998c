using Commerce.GrainInterfaces.Common;

namespace Commerce.Api.Errors;

/// <summary>
/// Checks at the HTTP edge, before a grain is called; each throws <see cref="InvalidInputException"/> naming the field.
/// Ids, SKUs and quantities are checked by the rules the grains share (<see cref="Identifiers"/>, <see cref="Quantities"/>).
/// </summary>
internal static class Edge
{
    /// <summary>A number within <paramref name="min"/>..<paramref name="max"/> (a page, a limit, points).</summary>
    public static int Range(string field, int value, int min, int max) => Quantities.RequireInRange(field, value, min, max);

    public static string? OptionalText(string field, string? value, int maxLength) =>
        value is null || value.Length <= maxLength ? value : throw new InvalidInputException(field, $"'{field}' may have at most {maxLength} characters.");

    public static TEnum? OptionalEnum<TEnum>(string field, string? value) where TEnum : struct, Enum
    {
        if (value is null) return null;
        if (Enum.TryParse<TEnum>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(value, out _)) return parsed;
        throw new InvalidInputException(field, $"'{field}' is one of {string.Join(", ", Enum.GetNames<TEnum>())}.");
    }
}
