using Commerce.GrainInterfaces.Catalog;
using Commerce.GrainInterfaces.Common;

namespace Commerce.Grains.Catalog;

/// <summary>The category hierarchy, one grain for the tree. A move re-paths the products of the moved subtree.</summary>
[GrainType("category-tree")]
public sealed class CategoryTreeGrain(
    [PersistentState("tree")] IPersistentState<CategoryTreeState> state,
    ICatalogIndex index) : Grain, ICategoryTreeGrain
{
    /// <summary>Longest display name. 100 characters.</summary>
    private const int MaxNameLength = 100;

    private Dictionary<string, string> Names => state.State.Names;

    public async Task<Category> CreateAsync(string? parentPath, string slug, string name)
    {
        var parent = string.IsNullOrWhiteSpace(parentPath) ? null : CategoryPaths.Normalize(parentPath, "parentPath");
        var normalizedSlug = slug?.Trim().ToLowerInvariant();
        if (!CategoryPaths.IsValidSlug(normalizedSlug))
            throw new InvalidInputException("slug", $"A slug has 1 to {CategoryPaths.MaxSlugLength} characters a-z, 0-9 and '-'.");
        var displayName = ValidateName(name);
        if (parent is not null && !Names.ContainsKey(parent)) throw new NotFoundException("category", parent);
        var path = CategoryPaths.Combine(parent, normalizedSlug!);
        CategoryPaths.Normalize(path, "slug");
        if (Names.ContainsKey(path)) throw new ConflictException("already-exists", $"Category '{path}' already exists.");
        Names[path] = displayName;
        await state.WriteStateAsync();
        return ToCategory(path);
    }

    public async Task<Category> RenameAsync(string path, string name)
    {
        var normalized = Existing(path);
        Names[normalized] = ValidateName(name);
        await state.WriteStateAsync();
        return ToCategory(normalized);
    }

    public async Task<Category> MoveAsync(string path, string? newParentPath)
    {
        var from = Existing(path);
        var parent = string.IsNullOrWhiteSpace(newParentPath) ? null : CategoryPaths.Normalize(newParentPath, "newParentPath");
        if (parent is not null && !Names.ContainsKey(parent)) throw new NotFoundException("category", parent);
        if (parent is not null && CategoryPaths.IsWithin(parent, from))
            throw new ConflictException("invalid-move", $"Category '{from}' cannot move under itself.");
        var to = CategoryPaths.Combine(parent, from[(from.LastIndexOf('/') + 1)..]);
        if (to == from) return ToCategory(from);
        if (Names.ContainsKey(to)) throw new ConflictException("already-exists", $"Category '{to}' already exists.");
        CategoryPaths.Normalize(to, "newParentPath");

        foreach (var moved in Names.Keys.Where(p => CategoryPaths.IsWithin(p, from)).ToList())
        {
            Names[CategoryPaths.Rebase(moved, from, to)] = Names[moved];
            Names.Remove(moved);
        }
        await state.WriteStateAsync();

        // After the tree is written: a failure part-way leaves products to re-path by retrying the move's
        // product step, which MoveCategoryAsync makes idempotent (products already moved no longer match).
        foreach (var sku in await index.SkusInCategoryAsync(from))
        {
            await GrainFactory.GetGrain<IProductGrain>(sku).MoveCategoryAsync(from, to);
        }
        return ToCategory(to);
    }

    public Task<Category?> GetAsync(string path)
    {
        var normalized = CategoryPaths.Normalize(path, "path");
        return Task.FromResult(Names.ContainsKey(normalized) ? ToCategory(normalized) : null);
    }

    public Task<IReadOnlyList<Category>> GetAllAsync() =>
        Task.FromResult<IReadOnlyList<Category>>(Names.Keys.Order(StringComparer.Ordinal).Select(ToCategory).ToList());

    private string Existing(string path)
    {
        var normalized = CategoryPaths.Normalize(path, "path");
        return Names.ContainsKey(normalized) ? normalized : throw new NotFoundException("category", normalized);
    }

    private Category ToCategory(string path) => new(path, Names[path], CategoryPaths.ParentOf(path));

    private static string ValidateName(string name)
    {
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > MaxNameLength)
            throw new InvalidInputException("name", $"A category name has 1 to {MaxNameLength} characters.");
        return trimmed;
    }
}
