using System.Diagnostics.CodeAnalysis;

namespace Commerce.GrainInterfaces.Common;

/// <summary>
/// The one home of what an id and a SKU may look like, shared by the HTTP edge and the grains. Ids and SKUs are
/// grain keys (users, orders, payments, products, inventory): a value accepted here ends up as the key under which
/// state is stored, so tightening a rule later strands whatever was stored under a key it no longer accepts.
/// Each rule comes as <c>IsValid…</c>, <c>TryValidate…</c> (the message, no exception) and <c>Require…</c>
/// (throws <see cref="InvalidInputException"/> naming the field, which the HTTP edge answers with a 400).
/// </summary>
public static class Identifiers
{
    /// <summary>Longest id a client may name (user, order, payment, address ids...): 64 characters.</summary>
    public const int MaxIdLength = 64;

    /// <summary>Longest SKU: 64 characters.</summary>
    public const int MaxSkuLength = 64;

    /// <summary>
    /// Longest reference a grain accepts from another grain or the API (a user or order id, an actor such as
    /// <c>admin:ann</c>, a guest session): 128 characters, more than any id the edge lets in plus its prefix.
    /// </summary>
    public const int MaxReferenceLength = 128;

    /// <summary>An id from a client: 1 to <see cref="MaxIdLength"/> ASCII letters, digits, '-', '_', '.' or '@'.</summary>
    public static bool IsValidId([NotNullWhen(true)] string? value) =>
        value is { Length: > 0 and <= MaxIdLength } && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '@');

    /// <summary>Whether <paramref name="value"/> is a valid id; if not, <paramref name="error"/> says why, naming <paramref name="field"/>.</summary>
    public static bool TryValidateId(string field, [NotNullWhen(true)] string? value, [NotNullWhen(false)] out string? error)
    {
        error = IsValidId(value) ? null : $"'{field}' is 1 to {MaxIdLength} letters, digits, '-', '_', '.' or '@'.";
        return error is null;
    }

    /// <summary><paramref name="value"/> if it is a valid id, else throws <see cref="InvalidInputException"/> naming <paramref name="field"/>.</summary>
    public static string RequireId(string field, string? value) =>
        TryValidateId(field, value, out var error) ? value : throw new InvalidInputException(field, error);

    /// <summary>A SKU: 1 to <see cref="MaxSkuLength"/> ASCII letters, digits, '-', '_' or '.' (no '@', no spaces).</summary>
    public static bool IsValidSku([NotNullWhen(true)] string? sku) =>
        sku is { Length: > 0 and <= MaxSkuLength } && sku.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    /// <summary>Whether <paramref name="sku"/> is a valid SKU; if not, <paramref name="error"/> says why, naming <paramref name="field"/>.</summary>
    public static bool TryValidateSku(string field, [NotNullWhen(true)] string? sku, [NotNullWhen(false)] out string? error)
    {
        error = IsValidSku(sku) ? null : $"'{field}' is a SKU of 1 to {MaxSkuLength} letters, digits, '-', '_' or '.'.";
        return error is null;
    }

    /// <summary><paramref name="sku"/> if it is a valid SKU, else throws <see cref="InvalidInputException"/> naming <paramref name="field"/>.</summary>
    public static string RequireSku(string field, string? sku) =>
        TryValidateSku(field, sku, out var error) ? sku : throw new InvalidInputException(field, error);

    /// <summary>Requires a list (possibly empty) of valid SKUs; any failure names <paramref name="field"/> itself.</summary>
    public static IReadOnlyList<string> RequireSkus(string field, IReadOnlyList<string>? skus)
    {
        if (skus is null) throw new InvalidInputException(field, $"'{field}' is a list of SKUs.");
        foreach (var sku in skus) RequireSku(field, sku);
        return skus;
    }

    /// <summary>
    /// A reference passed to a grain by trusted code: not blank and at most <see cref="MaxReferenceLength"/>
    /// characters. Looser than <see cref="IsValidId"/> because references carry prefixes (<c>user:</c>,
    /// <c>admin:</c>) and tests and tools name things freely.
    /// </summary>
    public static bool IsValidReference([NotNullWhen(true)] string? value) =>
        !string.IsNullOrWhiteSpace(value) && value.Length <= MaxReferenceLength;

    /// <summary><paramref name="value"/> if it is a valid reference, else throws <see cref="InvalidInputException"/> naming <paramref name="field"/>.</summary>
    public static string RequireReference(string field, string? value) =>
        IsValidReference(value) ? value : throw new InvalidInputException(field, $"'{field}' is required: 1 to {MaxReferenceLength} characters, not all blank.");
}
