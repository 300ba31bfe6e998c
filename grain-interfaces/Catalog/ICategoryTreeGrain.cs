using Commerce.Runtime;

namespace Commerce.GrainInterfaces.Catalog;

/// <summary>
/// The category hierarchy: one grain for the whole tree (use <see cref="SingletonKey"/>); trees are
/// small and change rarely. Paths are lower-case slugs joined by '/'.
/// </summary>
public interface ICategoryTreeGrain : IGrainWithStringKey
{
    /// <summary>The key of the one tree.</summary>
    const string SingletonKey = "catalog";

    /// <summary>Creates <paramref name="slug"/> under <paramref name="parentPath"/> (null: top level). Conflict <c>already-exists</c>.</summary>
    Task<Category> CreateAsync(string? parentPath, string slug, string name);

    /// <summary>Changes the display name; the path stays.</summary>
    Task<Category> RenameAsync(string path, string name);

    /// <summary>
    /// Moves the category and its subtree under <paramref name="newParentPath"/> (null: top level) and
    /// re-paths every product in it. Conflict <c>invalid-move</c> when moving under itself.
    /// </summary>
    Task<Category> MoveAsync(string path, string? newParentPath);

    /// <summary>The category, or null. Interleaves with everything: a move calls products that may be asking this.</summary>
    [AlwaysInterleave]
    Task<Category?> GetAsync(string path);

    /// <summary>Every category, ordered by path.</summary>
    [ReadOnly]
    Task<IReadOnlyList<Category>> GetAllAsync();
}
