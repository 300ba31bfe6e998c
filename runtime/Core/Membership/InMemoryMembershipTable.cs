using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Commerce.Runtime.Membership;

/// <summary>
/// A membership table in this process's memory, with the same compare-and-swap semantics and change
/// notifications as the database tables: the embedded single-process default, and a shared table
/// for several silos of one process (tests). Thread-safe; lost when the process exits.
/// </summary>
public sealed class InMemoryMembershipTable : IMembershipTable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<SiloAddress, MembershipRow> _rows = [];
    private readonly List<ChannelWriter<long>> _watchers = [];
    private long _version;

    public Task<MembershipTableSnapshot> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(new MembershipTableSnapshot(_version, _rows.Values));
        }
    }

    public Task<bool> InsertRowAsync(MembershipEntry entry, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (_gate)
        {
            if (_version != expectedVersion || _rows.ContainsKey(entry.Address)) return Task.FromResult(false);
            _rows[entry.Address] = new MembershipRow(entry, ETag: 1);
            BumpVersion();
            return Task.FromResult(true);
        }
    }

    public Task<bool> UpdateRowAsync(MembershipEntry entry, long etag, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (_gate)
        {
            if (_version != expectedVersion
                || !_rows.TryGetValue(entry.Address, out var stored)
                || stored.ETag != etag
                || stored.Status == SiloStatus.Dead)
            {
                return Task.FromResult(false);
            }
            var written = stored.Entry with
            {
                Status = entry.Status,
                Suspicions = entry.Suspicions.IsDefault ? [] : entry.Suspicions,
                IAmAliveTime = Max(stored.Entry.IAmAliveTime, entry.IAmAliveTime),
            };
            _rows[entry.Address] = new MembershipRow(written, etag + 1);
            BumpVersion();
            return Task.FromResult(true);
        }
    }

    public Task UpdateIAmAliveAsync(SiloAddress silo, DateTimeOffset time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(silo);
        lock (_gate)
        {
            if (_rows.TryGetValue(silo, out var stored) && stored.Status != SiloStatus.Dead)
            {
                _rows[silo] = stored with { Entry = stored.Entry with { IAmAliveTime = Max(stored.Entry.IAmAliveTime, time) } };
            }
        }
        return Task.CompletedTask;
    }

    public Task<int> DeleteDeadRowsAsync(DateTimeOffset olderThan, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var defunct = _rows.Values.Where(r => r.Status == SiloStatus.Dead && r.Entry.IAmAliveTime < olderThan).Select(r => r.Address).ToList();
            foreach (var silo in defunct) _rows.Remove(silo);
            if (defunct.Count > 0) BumpVersion();
            return Task.FromResult(defunct.Count);
        }
    }

    public async IAsyncEnumerable<long> WatchVersionsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Capacity one, oldest dropped: a slow reader only ever needs the latest version.
        var channel = Channel.CreateBounded<long>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        lock (_gate) _watchers.Add(channel.Writer);
        try
        {
            await foreach (var version in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false)) yield return version;
        }
        finally
        {
            lock (_gate) _watchers.Remove(channel.Writer);
        }
    }

    /// <summary>Called under the lock, so watchers see versions in order.</summary>
    private void BumpVersion()
    {
        _version++;
        foreach (var watcher in _watchers) watcher.TryWrite(_version);
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a >= b ? a : b;
}
