using Commerce.GrainInterfaces.Catalog;
using Commerce.GrainInterfaces.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Commerce.Grains.Catalog;

/// <summary>
/// One product: its information, listing workflow, schedules, tags, review summary and stock-driven
/// delisting. After every change it writes its state, then upserts its catalog entry through a
/// <see cref="ReadModelProjection{TState}"/>: a failed upsert does not fail the call and is retried until the entry
/// matches the product again (also after a reactivation).
/// </summary>
[GrainType("product")]
public sealed class ProductGrain(
    [PersistentState("product")] IPersistentState<ProductState> state,
    ICatalogIndex index,
    IOptions<CatalogOptions> options,
    IOptions<ReadModelProjectionOptions> projectionOptions,
    TimeProvider clock,
    ILogger<ProductGrain> logger) : Grain, IProductGrain
{
    private const string ListingReminder = "scheduled-listing";
    private const string DelistingReminder = "scheduled-delisting";
    private const string AutoDelistReminder = "auto-delist";
    private const string SystemActor = "system";

    /// <summary>Longest actor name or rejection reason. 200 characters.</summary>
    private const int MaxActorLength = 200;

    /// <summary>Ratings run from 1 to 5 stars.</summary>
    private const int MinRating = 1;
    private const int MaxRating = 5;

    private readonly CatalogOptions _options = options.Value;
    private readonly ProductDetailsValidator _validator = new(options.Value);

    private ReadModelProjection<ProductState>? _catalogEntry;

    private ProductState Product => state.State;

    private ReadModelProjection<ProductState> CatalogEntryProjection =>
        _catalogEntry ?? throw new InvalidOperationException("The product grain is not activated.");

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _catalogEntry = new ReadModelProjection<ProductState>(
            $"catalog entry of product {Sku}", state, ct => index.UpsertAsync(CatalogEntry(), ct), this.RegisterGrainTimer, projectionOptions.Value, logger);
        _catalogEntry.OnActivate();
        return Task.CompletedTask;
    }

    public async Task<ProductSnapshot> CreateAsync(ProductDetails details, string actor)
    {
        actor = ValidateActor(actor);
        var valid = await ValidateAsync(details);
        if (Product.Created) throw new ConflictException("already-exists", $"Product '{Sku}' already exists.");
        var now = clock.GetUtcNow();
        Apply(valid);
        Product.Created = true;
        Product.Status = ProductStatus.Draft;
        Product.CreatedAt = now;
        Record(ProductStatus.Draft, ProductStatus.Draft, actor, "created", now);
        await SaveAsync(now);
        return Snapshot();
    }

    public async Task<ProductSnapshot> UpdateAsync(ProductDetails details, string actor)
    {
        actor = ValidateActor(actor);
        EnsureCreated();
        var valid = await ValidateAsync(details);
        var now = clock.GetUtcNow();
        var next = ProductWorkflow.Next(Product.Status, ProductAction.Edit);
        if (next != Product.Status) Record(Product.Status, next, actor, "edited", now);
        Product.Status = next;
        Apply(valid);
        await SaveAsync(now);
        return Snapshot();
    }

    public Task<ProductSnapshot?> GetAsync() => Task.FromResult(Product.Created ? Snapshot() : null);

    public Task<ProductCompleteness> GetCompletenessAsync()
    {
        EnsureCreated();
        return Task.FromResult(ProductCompletenessCheck.Check(Details()));
    }

    public Task<IReadOnlyList<ProductTransition>> GetHistoryAsync()
    {
        EnsureCreated();
        return Task.FromResult<IReadOnlyList<ProductTransition>>(Product.History.ToArray());
    }

    public async Task<ProductSnapshot> SubmitAsync(string actor)
    {
        actor = ValidateActor(actor);
        EnsureCreated();
        var next = ProductWorkflow.Next(Product.Status, ProductAction.Submit);
        var completeness = ProductCompletenessCheck.Check(Details());
        if (!completeness.IsComplete)
            throw new ConflictException("incomplete", $"Product '{Sku}' is missing: {string.Join(", ", completeness.Missing)}.");
        await TransitionAsync(next, actor, null);
        return Snapshot();
    }

    public async Task<ProductSnapshot> ApproveAsync(string actor)
    {
        actor = ValidateActor(actor);
        EnsureCreated();
        await TransitionAsync(ProductWorkflow.Next(Product.Status, ProductAction.Approve), actor, null);
        return Snapshot();
    }

    public async Task<ProductSnapshot> RejectAsync(string reason, string actor)
    {
        actor = ValidateActor(actor);
        var why = reason?.Trim();
        if (string.IsNullOrEmpty(why) || why.Length > MaxActorLength)
            throw new InvalidInputException("reason", $"A rejection reason has 1 to {MaxActorLength} characters.");
        EnsureCreated();
        var next = ProductWorkflow.Next(Product.Status, ProductAction.Reject);
        Product.RejectionReason = why;
        await TransitionAsync(next, actor, why);
        return Snapshot();
    }

    public async Task<ProductSnapshot> ListAsync(string actor)
    {
        actor = ValidateActor(actor);
        EnsureCreated();
        await ListCoreAsync(actor, null);
        return Snapshot();
    }

    public async Task<ProductSnapshot> DelistAsync(string actor, string? reason = null)
    {
        actor = ValidateActor(actor);
        EnsureCreated();
        Product.AutoDelisted = false;
        await DelistCoreAsync(actor, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim());
        return Snapshot();
    }

    public async Task<ProductSnapshot> ScheduleListingAsync(DateTimeOffset at, string actor)
    {
        actor = ValidateActor(actor);
        EnsureCreated();
        if (!ProductWorkflow.Allows(Product.Status, ProductAction.List))
            throw new ConflictException("invalid-transition", $"Only an approved or delisted product can be scheduled for listing; '{Sku}' is {Product.Status}.");
        if (Product.ScheduledDelistingAt is { } delistAt && at >= delistAt)
            throw new InvalidInputException("at", "The listing must come before the scheduled delisting.");
        Product.ScheduledListingAt = at.ToUniversalTime();
        Product.ScheduledListingActor = actor;
        await this.ScheduleAsync(ListingReminder, at - clock.GetUtcNow(), _options.ReminderPeriod);
        await SaveAsync(clock.GetUtcNow());
        return Snapshot();
    }

    public async Task<ProductSnapshot> ScheduleDelistingAsync(DateTimeOffset at, string actor)
    {
        actor = ValidateActor(actor);
        EnsureCreated();
        if (Product.Status is not (ProductStatus.Approved or ProductStatus.Listed or ProductStatus.Delisted))
            throw new ConflictException("invalid-transition", $"Only an approved, listed or delisted product can be scheduled for delisting; '{Sku}' is {Product.Status}.");
        if (Product.ScheduledListingAt is { } listAt && at <= listAt)
            throw new InvalidInputException("at", "The delisting must come after the scheduled listing.");
        Product.ScheduledDelistingAt = at.ToUniversalTime();
        Product.ScheduledDelistingActor = actor;
        await this.ScheduleAsync(DelistingReminder, at - clock.GetUtcNow(), _options.ReminderPeriod);
        await SaveAsync(clock.GetUtcNow());
        return Snapshot();
    }

    public async Task AddBehaviourTagsAsync(IReadOnlyList<ProductTag> tags)
    {
        EnsureCreated();
        foreach (var tag in _validator.ValidateTags(tags, "tags"))
        {
            var i = Product.BehaviourTags.FindIndex(t => t.Dimension == tag.Dimension && t.Value == tag.Value);
            if (i >= 0) Product.BehaviourTags[i] = tag with { Weight = Product.BehaviourTags[i].Weight + tag.Weight };
            else Product.BehaviourTags.Add(tag);
        }
        var room = Math.Max(0, _options.MaxTags - Product.Tags.Count);
        if (Product.BehaviourTags.Count > room)
            Product.BehaviourTags = Product.BehaviourTags.OrderByDescending(t => t.Weight).Take(room).ToList();
        await SaveAsync(clock.GetUtcNow());
    }

    public async Task ApplyReviewAsync(int rating)
    {
        if (rating is < MinRating or > MaxRating) throw new InvalidInputException("rating", $"A rating is {MinRating} to {MaxRating}.");
        EnsureCreated();
        Product.RatingSum += rating;
        Product.RatingCount++;
        await SaveAsync(clock.GetUtcNow());
    }

    public async Task<bool> OnStockChangedAsync(bool inStock)
    {
        // Inventory may exist before the product is created; there is nothing to list or delist then.
        if (!Product.Created) return false;
        if (Product.InStock == inStock) return true;
        var now = clock.GetUtcNow();
        Product.InStock = inStock;
        if (inStock)
        {
            Product.OutOfStockSince = null;
            await this.CancelScheduleAsync(AutoDelistReminder);
            if (Product.AutoDelisted && Product.Status == ProductStatus.Delisted)
            {
                Product.AutoDelisted = false;
                await ListCoreAsync(SystemActor, "restocked");
                return true;
            }
        }
        else
        {
            Product.OutOfStockSince = now;
            if (Product.Status == ProductStatus.Listed) await ScheduleAutoDelistAsync(now);
        }
        await SaveAsync(now);
        return true;
    }

    public async Task MoveCategoryAsync(string oldPathPrefix, string newPathPrefix)
    {
        var from = CategoryPaths.Normalize(oldPathPrefix, "oldPathPrefix");
        var to = CategoryPaths.Normalize(newPathPrefix, "newPathPrefix");
        if (!Product.Created || !CategoryPaths.IsWithin(Product.CategoryPath, from)) return;
        Product.CategoryPath = CategoryPaths.Rebase(Product.CategoryPath!, from, to);
        await SaveAsync(clock.GetUtcNow());
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        var now = clock.GetUtcNow();
        switch (reminderName)
        {
            case ListingReminder:
                if (Product.ScheduledListingAt is { } listAt && now < listAt) return;
                await this.CancelScheduleAsync(ListingReminder);
                var listActor = Product.ScheduledListingActor ?? SystemActor;
                var scheduled = Product.ScheduledListingAt is not null;
                Product.ScheduledListingAt = null;
                Product.ScheduledListingActor = null;
                if (scheduled && ProductWorkflow.Allows(Product.Status, ProductAction.List)) await ListCoreAsync(listActor, "scheduled");
                else await SaveAsync(now);
                break;
            case DelistingReminder:
                if (Product.ScheduledDelistingAt is { } delistAt && now < delistAt) return;
                await this.CancelScheduleAsync(DelistingReminder);
                var delistActor = Product.ScheduledDelistingActor ?? SystemActor;
                var due = Product.ScheduledDelistingAt is not null;
                Product.ScheduledDelistingAt = null;
                Product.ScheduledDelistingActor = null;
                if (due && Product.Status == ProductStatus.Listed) await DelistCoreAsync(delistActor, "scheduled");
                else await SaveAsync(now);
                break;
            case AutoDelistReminder:
                if (Product.InStock || Product.Status != ProductStatus.Listed)
                {
                    await this.CancelScheduleAsync(AutoDelistReminder);
                    return;
                }
                if (Product.OutOfStockSince is { } since && now - since < _options.AutoDelistAfter) return;
                await this.CancelScheduleAsync(AutoDelistReminder);
                Product.AutoDelisted = true;
                await DelistCoreAsync(SystemActor, "out-of-stock");
                break;
            default:
                // A reminder this grain no longer uses: drop it rather than be woken forever.
                await this.CancelScheduleAsync(reminderName);
                break;
        }
    }

    private string Sku => this.GetPrimaryKeyString();

    private async Task ListCoreAsync(string actor, string? reason)
    {
        var next = ProductWorkflow.Next(Product.Status, ProductAction.List);
        var now = clock.GetUtcNow();
        Product.ListedAt = now;
        if (!Product.InStock) await ScheduleAutoDelistAsync(Product.OutOfStockSince ?? now);
        await TransitionAsync(next, actor, reason);
    }

    private async Task DelistCoreAsync(string actor, string? reason)
    {
        var next = ProductWorkflow.Next(Product.Status, ProductAction.Delist);
        await this.CancelScheduleAsync(AutoDelistReminder);
        await TransitionAsync(next, actor, reason);
    }

    private async Task ScheduleAutoDelistAsync(DateTimeOffset outOfStockSince)
    {
        // Without a reminder service (a bare test silo) nothing delists automatically; every real silo has one.
        if (!GrainSchedules.HasReminders(ServiceProvider)) return;
        var due = outOfStockSince + _options.AutoDelistAfter - clock.GetUtcNow();
        await this.ScheduleAsync(AutoDelistReminder, due, _options.ReminderPeriod);
    }

    private async Task TransitionAsync(ProductStatus next, string actor, string? reason)
    {
        var now = clock.GetUtcNow();
        var from = Product.Status;
        Product.Status = next;
        Record(from, next, actor, reason, now);
        await SaveAsync(now);
        await this.PublishAsync(ProductEvent.StreamNamespace, new ProductEvent(next.ToString().ToLowerInvariant(), Sku, next, actor, now));
    }

    private void Record(ProductStatus from, ProductStatus to, string actor, string? reason, DateTimeOffset at)
    {
        Product.History.Add(new ProductTransition(from, to, at, actor, reason));
        if (Product.History.Count > _options.MaxHistory) Product.History.RemoveRange(0, Product.History.Count - _options.MaxHistory);
    }

    private async Task SaveAsync(DateTimeOffset now)
    {
        Product.UpdatedAt = now;
        await state.WriteStateAsync();
        await CatalogEntryProjection.PublishAsync();
    }

    private async Task<ProductDetails> ValidateAsync(ProductDetails details)
    {
        var valid = _validator.Validate(details);
        if (valid.CategoryPath is { } path
            && await GrainFactory.GetGrain<ICategoryTreeGrain>(ICategoryTreeGrain.SingletonKey).GetAsync(path) is null)
        {
            throw new InvalidInputException("categoryPath", $"Category '{path}' does not exist.");
        }
        return valid;
    }

    private void Apply(ProductDetails details)
    {
        Product.Name = details.Name;
        Product.Brand = details.Brand;
        Product.Origin = details.Origin;
        Product.Description = details.Description;
        Product.Price = details.Price;
        Product.CategoryPath = details.CategoryPath;
        Product.Specs = details.Specs?.ToDictionary(StringComparer.Ordinal) ?? [];
        Product.Images = details.Images?.ToList() ?? [];
        Product.Tags = details.Tags?.ToList() ?? [];
    }

    private ProductDetails Details() =>
        new(Product.Name, Product.Brand, Product.Origin, Product.Description, Product.Price, Product.CategoryPath, Product.Specs, Product.Images, Product.Tags);

    private void EnsureCreated()
    {
        if (!Product.Created) throw new NotFoundException("product", Sku);
    }

    private static string ValidateActor(string actor)
    {
        var trimmed = actor?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > MaxActorLength)
            throw new InvalidInputException("actor", $"An actor has 1 to {MaxActorLength} characters.");
        return trimmed;
    }

    private double RatingAverage => Product.RatingCount == 0 ? 0 : Math.Round((double)Product.RatingSum / Product.RatingCount, 2);

    private ProductSnapshot Snapshot() => new(
        Sku,
        Product.Name,
        Product.Brand,
        Product.Origin,
        Product.Description,
        Product.Price,
        Product.CategoryPath,
        Product.Status,
        new SortedDictionary<string, string>(Product.Specs, StringComparer.Ordinal),
        Product.Images.ToArray(),
        [.. Product.Tags, .. Product.BehaviourTags.OrderByDescending(t => t.Weight)],
        RatingAverage,
        Product.RatingCount,
        Product.InStock,
        Product.Status == ProductStatus.Rejected ? Product.RejectionReason : null,
        Product.CreatedAt,
        Product.UpdatedAt,
        Product.ListedAt,
        Product.ScheduledListingAt,
        Product.ScheduledDelistingAt);

    private CatalogItem CatalogEntry() => new(
        Sku,
        Product.Name,
        Product.Brand,
        Product.Description,
        Product.Price,
        Product.CategoryPath,
        Product.Status,
        Product.Images.FirstOrDefault(),
        RatingAverage,
        Product.RatingCount,
        Product.InStock,
        Product.UpdatedAt,
        Product.ListedAt);
}
