using Commerce.Runtime.Membership;
using Microsoft.Extensions.Logging;

namespace Commerce.Runtime.Client;

/// <summary>
/// A cluster client's view of the membership: it reads the silos' table on a period and whenever
/// the table announces a change, and never writes to it (clients are not members).
/// </summary>
internal sealed class MembershipViewReader(IMembershipTable table, TimeSpan refreshPeriod, ILogger logger) : IClusterMembership, IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private Task _loops = Task.CompletedTask;
    private ClusterMembershipView _view = ClusterMembershipView.Empty;

    public ClusterMembershipView CurrentView => Volatile.Read(ref _view);

    public event Action<ClusterMembershipView>? ViewChanged;

    /// <summary>Reads the table once (so the first calls can be routed) and keeps following it.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await RefreshAsync(cancellationToken);
        _loops = Task.WhenAll(PollAsync(_stopping.Token), WatchAsync(_stopping.Token));
    }

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await _refreshing.WaitAsync(cancellationToken);
        try
        {
            var view = (await table.ReadAllAsync(cancellationToken)).ToView();
            if (view.Version <= CurrentView.Version) return;
            Volatile.Write(ref _view, view);
            logger.LogInformation("Cluster view {View}", view);
            ViewChanged?.Invoke(view);
        }
        finally
        {
            _refreshing.Release();
        }
    }

    private async Task PollAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(refreshPeriod);
        while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false)) await TryRefreshAsync(stopping);
    }

    private async Task WatchAsync(CancellationToken stopping)
    {
        try
        {
            await foreach (var version in table.WatchVersionsAsync(stopping).ConfigureAwait(false))
            {
                if (version > CurrentView.Version) await TryRefreshAsync(stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    private async Task TryRefreshAsync(CancellationToken stopping)
    {
        try
        {
            await RefreshAsync(stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            // The table is unreachable for now: keep routing on the last view and try again next period.
            logger.LogWarning(exception, "Reading the membership table failed");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        try
        {
            await _loops;
        }
        catch (OperationCanceledException)
        {
        }

        _stopping.Dispose();
    }
}
