using System.Text.RegularExpressions;

namespace Commerce.Silo;

/// <summary>What a SKU may look like at the HTTP edge: 1 to 64 letters, digits, '-', '_' or '.'.</summary>
internal static partial class ProductSku
{
    public static bool IsValid(string sku) => Pattern().IsMatch(sku);

    public static IResult Invalid(string sku) => TypedResults.ValidationProblem(
        new Dictionary<string, string[]> { ["sku"] = [$"'{Truncate(sku)}' is not a SKU: use 1 to 64 letters, digits, '-', '_' or '.'."] });

    private static string Truncate(string text) => text.Length <= 64 ? text : text[..64] + "…";

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex Pattern();
}
