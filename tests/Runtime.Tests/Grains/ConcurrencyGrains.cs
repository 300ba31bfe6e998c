using Commerce.Runtime;

namespace Commerce.Runtime.Tests.Grains;

/// <summary>Observes how many of its own calls run at once, with awaits inside each.</summary>
public interface IConcurrencyGrain : IGrainWithStringKey
{
    /// <summary>Appends <paramref name="value"/> after awaiting; the grain tracks overlapping calls.</summary>
    Task AppendAsync(int value, int delayMilliseconds);

    Task<IReadOnlyList<int>> ValuesAsync();

    Task<int> MaxConcurrencyAsync();

    /// <summary>Waits until <paramref name="parties"/> calls are inside the grain at once, or fails after a while.</summary>
    Task<bool> MeetAsync(int parties);

    [ReadOnly]
    Task<bool> MeetReadOnlyAsync(int parties);

    [AlwaysInterleave]
    Task<int> PeekCountAsync();

    /// <summary>Unsafe read-modify-write across an await: exact only if turns never overlap.</summary>
    Task IncrementAsync();

    Task<int> CounterAsync();

    /// <summary>Calls <paramref name="otherKey"/>, which calls this grain back (through an [AlwaysInterleave] method if asked).</summary>
    Task<string> CallCycleAsync(string otherKey, bool interleavingCallBack);

    Task<string> CallBackAsync(string originKey, bool interleaving);
}

public abstract class ConcurrencyGrainBase : Grain, IConcurrencyGrain
{
    private readonly List<int> _values = [];
    private int _inside;
    private int _max;
    private int _counter;
    private TaskCompletionSource _meeting = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _arrived;

    public async Task AppendAsync(int value, int delayMilliseconds)
    {
        Enter();
        try
        {
            await Task.Delay(delayMilliseconds);
            _values.Add(value);
        }
        finally
        {
            _inside--;
        }
    }

    public Task<IReadOnlyList<int>> ValuesAsync() => Task.FromResult<IReadOnlyList<int>>(_values.ToArray());

    public Task<int> MaxConcurrencyAsync() => Task.FromResult(_max);

    public Task<bool> MeetAsync(int parties) => Meet(parties);

    public Task<bool> MeetReadOnlyAsync(int parties) => Meet(parties);

    public Task<int> PeekCountAsync() => Task.FromResult(_inside);

    public async Task IncrementAsync()
    {
        var read = _counter;
        await Task.Yield();
        await Task.Delay(1);
        _counter = read + 1;
    }

    public Task<int> CounterAsync() => Task.FromResult(_counter);

    public Task<string> CallCycleAsync(string otherKey, bool interleavingCallBack) =>
        GrainFactory.GetGrain<IConcurrencyGrain>(otherKey).CallBackAsync(GetPrimaryKeyString(), interleavingCallBack);

    public async Task<string> CallBackAsync(string originKey, bool interleaving)
    {
        var origin = GrainFactory.GetGrain<IConcurrencyGrain>(originKey);
        if (interleaving) await origin.PeekCountAsync();
        else await origin.CounterAsync();
        return "cycle-ok";
    }

    private async Task<bool> Meet(int parties)
    {
        Enter();
        try
        {
            if (++_arrived >= parties)
            {
                _meeting.TrySetResult();
                return true;
            }

            var met = await Task.WhenAny(_meeting.Task, Task.Delay(TimeSpan.FromSeconds(2))) == _meeting.Task;
            return met;
        }
        finally
        {
            _inside--;
        }
    }

    private void Enter()
    {
        _inside++;
        _max = Math.Max(_max, _inside);
    }
}

public sealed class ConcurrencyGrain : ConcurrencyGrainBase;

public interface IReentrantGrain : IConcurrencyGrain;

[Reentrant]
public sealed class ReentrantGrain : ConcurrencyGrainBase, IReentrantGrain;

public interface IWorkerGrain : IGrainWithStringKey
{
    Task<Guid> WorkAsync(int delayMilliseconds);
}

[StatelessWorker(3)]
public sealed class WorkerGrain : Grain, IWorkerGrain
{
    private readonly Guid _instance = Guid.NewGuid();

    public async Task<Guid> WorkAsync(int delayMilliseconds)
    {
        await Task.Delay(delayMilliseconds);
        return _instance;
    }
}

public interface IOneWayGrain : IGrainWithStringKey
{
    [OneWay]
    Task FireAsync(string text, int delayMilliseconds);

    [OneWay]
    Task FireAndFailAsync();

    Task<IReadOnlyList<string>> ReceivedAsync();
}

public sealed class OneWayGrain : Grain, IOneWayGrain
{
    private readonly List<string> _received = [];

    public async Task FireAsync(string text, int delayMilliseconds)
    {
        await Task.Delay(delayMilliseconds);
        _received.Add(text);
    }

    public Task FireAndFailAsync() => throw new ProbeException("one-way failure");

    public Task<IReadOnlyList<string>> ReceivedAsync() => Task.FromResult<IReadOnlyList<string>>(_received.ToArray());
}
