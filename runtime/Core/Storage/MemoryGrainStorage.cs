using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;

namespace Commerce.Runtime.Storage;

/// <summary>
/// Grain storage in the silo's memory, for the embedded default and tests. It keeps serialized
/// copies, not the grain's objects, and checks ETags like a database does, so a grain behaves the
/// same here as on PostgreSQL; it is lost when the process exits.
/// </summary>
public sealed class MemoryGrainStorage : IGrainStorage
{
    private readonly ConcurrentDictionary<(GrainType Type, string Key, string State), StoredRecord> _records = new();
    private readonly JsonSerializerOptions _json;

    public MemoryGrainStorage(JsonSerializerOptions? json = null) => _json = json ?? GrainStateJson.DefaultOptions;

    public Task ReadStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken = default)
    {
        if (_records.TryGetValue(Key(stateName, grainId), out var record))
        {
            grainState.State = JsonSerializer.Deserialize<TState>(record.Payload, _json)!;
            grainState.ETag = record.Version;
            grainState.RecordExists = true;
        }
        else
        {
            grainState.State = PersistentState<TState>.CreateDefault();
            grainState.ETag = null;
            grainState.RecordExists = false;
        }

        return Task.CompletedTask;
    }

    public Task WriteStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken = default)
    {
        var key = Key(stateName, grainId);
        var payload = JsonSerializer.SerializeToUtf8Bytes(grainState.State, _json);
        StoredRecord written;
        if (grainState.ETag is null)
        {
            written = new StoredRecord(payload, 1);
            if (!_records.TryAdd(key, written)) throw Conflict(stateName, grainId, key, grainState.ETag);
        }
        else
        {
            if (!_records.TryGetValue(key, out var current) || current.Version != grainState.ETag) throw Conflict(stateName, grainId, key, grainState.ETag);
            written = new StoredRecord(payload, current.Number + 1);
            if (!_records.TryUpdate(key, written, current)) throw Conflict(stateName, grainId, key, grainState.ETag);
        }

        grainState.ETag = written.Version;
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<TState>(string stateName, GrainId grainId, IGrainState<TState> grainState, CancellationToken cancellationToken = default)
    {
        var key = Key(stateName, grainId);
        if (_records.TryGetValue(key, out var current))
        {
            if (current.Version != grainState.ETag || !_records.TryRemove(KeyValuePair.Create(key, current)))
                throw Conflict(stateName, grainId, key, grainState.ETag);
        }
        else if (grainState.ETag is not null)
        {
            throw Conflict(stateName, grainId, key, grainState.ETag);
        }

        grainState.State = PersistentState<TState>.CreateDefault();
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    private static (GrainType, string, string) Key(string stateName, GrainId grainId) => (grainId.Type, grainId.Key, stateName);

    private InconsistentStateException Conflict(string stateName, GrainId grainId, (GrainType, string, string) key, string? presented)
    {
        var stored = _records.TryGetValue(key, out var record) ? record.Version : null;
        return new InconsistentStateException(
            $"State '{stateName}' of {grainId} was changed by someone else (stored version {stored ?? "none"}, writer had {presented ?? "none"}).",
            stored,
            presented);
    }

    private sealed class StoredRecord(byte[] payload, long number)
    {
        public byte[] Payload { get; } = payload;

        public long Number { get; } = number;

        public string Version { get; } = number.ToString(CultureInfo.InvariantCulture);
    }
}
