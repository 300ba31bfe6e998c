namespace Commerce.GrainInterfaces.Catalog;

/// <summary>
/// The category hierarchy: one grain for the whole tree (use <see cref="SingletonKey"/>); trees are
/// small and change rarely. Paths are lower-case slugs joined by '/'.
/// </summary>
[Alias("commerce.ICategoryTreeGrain")]
public interface ICategoryTreeGrain : IGrainWithStringKey
{
    /// <summary>The key of the one tree.</summary>
    const string SingletonKey = "catalog";

    /// <summary>Creates <paramref name="slug"/> under <paramref name="parentPath"/> (null: top level). Conflict <c>already-exists</c>.</summary>
    [Alias("CreateAsync")]
    Task<Category> CreateAsync(string? parentPath, string slug, string name);

    /// <summary>Changes the display name; the path stays.</summary>
    [Alias("RenameAsync")]
    Task<Category> RenameAsync(string path, string name);

    /// <summary>
    /// Moves the category and its subtree under <paramref name="newParentPath"/> (null: top level) and
    /// re-paths every product in it. Conflict <c>invalid-move</c> when moving under itself.
    /// </summary>
    [Alias("MoveAsync")]
    Task<Category> MoveAsync(string path, string? newParentPath);

    /// <summary>The category, or null. Interleaves with everything: a move calls products that may be asking this.</summary>
    [AlwaysInterleave]
    [Alias("GetAsync")]
    Task<Category?> GetAsync(string path);

    /// <summary>Every category, ordered by path.</summary>
    [ReadOnly]
    [Alias("GetAllAsync")]
    Task<IReadOnlyList<Category>> GetAllAsync();
}
