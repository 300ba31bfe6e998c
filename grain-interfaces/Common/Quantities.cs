namespace Commerce.GrainInterfaces.Common;

/// <summary>
/// The absolute bounds of a line quantity. The caps a shop runs with (<c>Cart:MaxQuantityPerLine</c>,
/// <c>Orders:MaxQuantityPerLine</c>, default 99) are options of the grains and stay there; this is the check
/// they and the HTTP edge share, and the edge's own ceiling.
/// </summary>
public static class Quantities
{
    /// <summary>Most units of one line any request may name; the grains apply their configured (lower) cap.</summary>
    public const int MaxPerLine = 999;

    /// <summary>Whether <paramref name="value"/> is within <paramref name="min"/>..<paramref name="max"/>.</summary>
    public static bool IsInRange(int value, int min, int max) => value >= min && value <= max;

    /// <summary><paramref name="value"/> if it is within <paramref name="min"/>..<paramref name="max"/>, else throws <see cref="InvalidInputException"/> naming <paramref name="field"/>.</summary>
    public static int RequireInRange(string field, int value, int min, int max) =>
        IsInRange(value, min, max) ? value : throw new InvalidInputException(field, $"'{field}' must be between {min} and {max}.");
}
