using Commerce.GrainInterfaces.Catalog;
using Commerce.GrainInterfaces.Common;

namespace Commerce.Grains.Catalog;

/// <summary>
/// Validates and normalizes what a merchant entered: throws InvalidInputException naming the first
/// offending field, returns the details trimmed (category path lower-cased, tags lower-cased).
/// </summary>
public sealed class ProductDetailsValidator(CatalogOptions options)
{
    /// <summary>Longest spec name, tag dimension or tag value. 50 characters.</summary>
    private const int MaxKeyLength = 50;

    /// <summary>Longest spec value or image URL. 2,000 characters.</summary>
    private const int MaxValueLength = 2_000;

    public ProductDetails Validate(ProductDetails? details)
    {
        if (details is null) throw new InvalidInputException("details", "Product details are required.");
        var name = details.Name?.Trim();
        if (string.IsNullOrEmpty(name)) throw new InvalidInputException("name", "A product name is required.");
        if (name.Length > options.MaxNameLength) throw new InvalidInputException("name", $"A product name has at most {options.MaxNameLength} characters.");

        ValidatePrice(details.Price);
        var brand = Optional(details.Brand, "brand", options.MaxShortTextLength);
        var origin = Optional(details.Origin, "origin", options.MaxShortTextLength);
        var description = Optional(details.Description, "description", options.MaxDescriptionLength);
        var category = string.IsNullOrWhiteSpace(details.CategoryPath) ? null : CategoryPaths.Normalize(details.CategoryPath, "categoryPath");

        return new ProductDetails(
            name,
            brand,
            origin,
            description,
            details.Price,
            category,
            ValidateSpecs(details.Specs),
            ValidateImages(details.Images),
            ValidateTags(details.Tags, "tags"));
    }

    /// <summary>Validates tags (dimension and value slugs, positive finite weight) and lower-cases them.</summary>
    public IReadOnlyList<ProductTag> ValidateTags(IReadOnlyList<ProductTag>? tags, string field)
    {
        if (tags is null) return [];
        if (tags.Count > options.MaxTags) throw new InvalidInputException(field, $"At most {options.MaxTags} tags.");
        var result = new List<ProductTag>(tags.Count);
        for (var i = 0; i < tags.Count; i++)
        {
            var tag = tags[i] ?? throw new InvalidInputException($"{field}[{i}]", "A tag is required.");
            var dimension = tag.Dimension?.Trim().ToLowerInvariant();
            var value = tag.Value?.Trim().ToLowerInvariant();
            if (string.IsNullOrEmpty(dimension) || dimension.Length > MaxKeyLength)
                throw new InvalidInputException($"{field}[{i}].dimension", $"A tag dimension has 1 to {MaxKeyLength} characters.");
            if (string.IsNullOrEmpty(value) || value.Length > MaxKeyLength)
                throw new InvalidInputException($"{field}[{i}].value", $"A tag value has 1 to {MaxKeyLength} characters.");
            if (!double.IsFinite(tag.Weight) || tag.Weight <= 0)
                throw new InvalidInputException($"{field}[{i}].weight", "A tag weight is a positive number.");
            result.Add(new ProductTag(dimension, value, tag.Weight));
        }
        return result;
    }

    private void ValidatePrice(Money? price)
    {
        if (price is null) throw new InvalidInputException("price", "A price is required.");
        if (price.Amount <= 0) throw new InvalidInputException("price.amount", "A price is greater than zero.");
        if (price.Amount > options.MaxPrice) throw new InvalidInputException("price.amount", $"A price is at most {options.MaxPrice}.");
        if (decimal.Round(price.Amount, 4) != price.Amount) throw new InvalidInputException("price.amount", "A price has at most 4 decimal places.");
        if (price.Currency is not { Length: 3 } currency || !currency.All(c => c is >= 'A' and <= 'Z'))
            throw new InvalidInputException("price.currency", "A currency is a 3-letter upper-case ISO 4217 code, e.g. EUR.");
    }

    private static string? Optional(string? value, string field, int maxLength)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed)) return null;
        if (trimmed.Length > maxLength) throw new InvalidInputException(field, $"{field} has at most {maxLength} characters.");
        return trimmed;
    }

    private IReadOnlyDictionary<string, string> ValidateSpecs(IReadOnlyDictionary<string, string>? specs)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (specs is null) return result;
        if (specs.Count > options.MaxSpecs) throw new InvalidInputException("specs", $"At most {options.MaxSpecs} specs.");
        foreach (var (key, value) in specs)
        {
            var name = key?.Trim();
            if (string.IsNullOrEmpty(name) || name.Length > MaxKeyLength)
                throw new InvalidInputException("specs", $"A spec name has 1 to {MaxKeyLength} characters.");
            var text = value?.Trim();
            if (string.IsNullOrEmpty(text) || text.Length > MaxValueLength)
                throw new InvalidInputException($"specs.{name}", $"A spec value has 1 to {MaxValueLength} characters.");
            if (!result.TryAdd(name, text)) throw new InvalidInputException($"specs.{name}", "Spec names are unique.");
        }
        return result;
    }

    private IReadOnlyList<string> ValidateImages(IReadOnlyList<string>? images)
    {
        if (images is null) return [];
        if (images.Count > options.MaxImages) throw new InvalidInputException("images", $"At most {options.MaxImages} images.");
        var result = new List<string>(images.Count);
        for (var i = 0; i < images.Count; i++)
        {
            var url = images[i]?.Trim();
            if (string.IsNullOrEmpty(url) || url.Length > MaxValueLength
                || !Uri.TryCreate(url, UriKind.Absolute, out var uri)
                || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
                || string.IsNullOrEmpty(uri.Host))
            {
                throw new InvalidInputException($"images[{i}]", "An image is an absolute http(s) URL.");
            }
            result.Add(url);
        }
        return result;
    }
}
