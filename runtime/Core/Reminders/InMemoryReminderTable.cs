using System.Globalization;

namespace Commerce.Runtime.Reminders;

/// <summary>
/// A reminder table in this process's memory: for the embedded single-process mode and for tests.
/// Reminders survive a grain's deactivation and, when the same instance is handed to the next silo
/// (as tests do), a silo restart, but not the process.
/// </summary>
public sealed class InMemoryReminderTable : IReminderTable
{
    private readonly Dictionary<(GrainId GrainId, string Name), ReminderEntry> _rows = new();
    private readonly Lock _gate = new();
    private long _lastETag;

    public Task<IReadOnlyList<ReminderEntry>> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate) return Task.FromResult<IReadOnlyList<ReminderEntry>>(_rows.Values.ToArray());
    }

    public Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(GrainId grainId, CancellationToken cancellationToken = default)
    {
        lock (_gate) return Task.FromResult<IReadOnlyList<ReminderEntry>>(_rows.Values.Where(r => r.GrainId == grainId).ToArray());
    }

    public Task<ReminderEntry?> ReadRowAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reminderName);
        lock (_gate) return Task.FromResult(_rows.GetValueOrDefault((grainId, reminderName)));
    }

    public Task<string?> UpsertRowAsync(ReminderEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var key = (entry.GrainId, entry.ReminderName);
        lock (_gate)
        {
            var stored = _rows.GetValueOrDefault(key);
            if (stored?.ETag != entry.ETag) return Task.FromResult<string?>(null);
            var eTag = (++_lastETag).ToString(CultureInfo.InvariantCulture);
            _rows[key] = entry with { ETag = eTag };
            return Task.FromResult<string?>(eTag);
        }
    }

    public Task<bool> RemoveRowAsync(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reminderName);
        ArgumentNullException.ThrowIfNull(eTag);
        lock (_gate)
        {
            var removed = _rows.TryGetValue((grainId, reminderName), out var stored) && stored.ETag == eTag && _rows.Remove((grainId, reminderName));
            return Task.FromResult(removed);
        }
    }
}
