using Commerce.GrainInterfaces.Common;

namespace Commerce.Grains.Catalog;

/// <summary>Category paths: lower-case slugs (a-z, 0-9, '-') joined by '/', e.g. <c>electronics/phones</c>.</summary>
public static class CategoryPaths
{
    /// <summary>Longest slug. 50 characters.</summary>
    public const int MaxSlugLength = 50;

    /// <summary>Deepest path. 8 levels.</summary>
    public const int MaxDepth = 8;

    public static bool IsValidSlug(string? slug) =>
        !string.IsNullOrEmpty(slug) && slug.Length <= MaxSlugLength && slug[0] != '-' && slug[^1] != '-'
        && slug.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');

    /// <summary>The trimmed, lower-cased path; InvalidInputException naming <paramref name="field"/> when malformed.</summary>
    public static string Normalize(string? path, string field)
    {
        var normalized = path?.Trim().Trim('/').ToLowerInvariant();
        if (string.IsNullOrEmpty(normalized)) throw new InvalidInputException(field, "A category path is required.");
        var slugs = normalized.Split('/');
        if (slugs.Length > MaxDepth) throw new InvalidInputException(field, $"A category path has at most {MaxDepth} levels.");
        if (!slugs.All(IsValidSlug))
            throw new InvalidInputException(field, $"'{path}' is not a category path: slugs of a-z, 0-9 and '-' (at most {MaxSlugLength}) joined by '/'.");
        return normalized;
    }

    /// <summary>Whether <paramref name="path"/> is <paramref name="ancestor"/> or lies under it.</summary>
    public static bool IsWithin(string? path, string ancestor) =>
        path is not null && (string.Equals(path, ancestor, StringComparison.Ordinal) || path.StartsWith(ancestor + "/", StringComparison.Ordinal));

    public static string? ParentOf(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? null : path[..slash];
    }

    public static string Combine(string? parent, string slug) => parent is null ? slug : $"{parent}/{slug}";

    /// <summary>Replaces the leading <paramref name="oldPrefix"/> of <paramref name="path"/> by <paramref name="newPrefix"/>.</summary>
    public static string Rebase(string path, string oldPrefix, string newPrefix) =>
        path.Length == oldPrefix.Length ? newPrefix : newPrefix + path[oldPrefix.Length..];
}
