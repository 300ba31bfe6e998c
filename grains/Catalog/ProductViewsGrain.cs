using Commerce.GrainInterfaces.Catalog;
using Microsoft.Extensions.Options;

namespace Commerce.Grains.Catalog;

/// <summary>
/// Counts views of one product in memory and writes them in the background: a flush timer and the
/// deactivation write keep storage within <see cref="ProductViewsOptions.FlushInterval"/> of the truth
/// while a hot product costs one write per interval instead of one per view.
/// </summary>
[GrainType("product-views")]
public sealed class ProductViewsGrain(
    [PersistentState("views")] IPersistentState<ProductViewsState> state,
    IOptions<ProductViewsOptions> options,
    TimeProvider clock) : Grain, IProductViewsGrain
{
    private readonly ProductViewsOptions _options = options.Value;
    private bool _dirty;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        this.RegisterGrainTimer(FlushAsync, _options.FlushInterval, _options.FlushInterval);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => FlushAsync(cancellationToken);

    public Task<long> RecordViewAsync(string? viewerId)
    {
        var views = state.State;
        views.Views++;
        views.LastViewedAt = clock.GetUtcNow();
        if (!string.IsNullOrEmpty(viewerId)) RememberViewer(views.RecentViewers, viewerId);
        _dirty = true;
        return Task.FromResult(views.Views);
    }

    public Task<ProductViewStats> GetStatsAsync() =>
        Task.FromResult(new ProductViewStats(this.GetPrimaryKeyString(), state.State.Views, state.State.LastViewedAt, state.State.RecentViewers.ToArray()));

    private void RememberViewer(List<string> recent, string viewerId)
    {
        recent.Remove(viewerId);
        recent.Insert(0, viewerId);
        if (recent.Count > _options.RecentViewers) recent.RemoveRange(_options.RecentViewers, recent.Count - _options.RecentViewers);
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (!_dirty) return;
        _dirty = false;
        try
        {
            await state.WriteStateAsync(cancellationToken);
        }
        catch
        {
            _dirty = true;
            throw;
        }
    }
}
