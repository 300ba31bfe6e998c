using Commerce.Runtime;

namespace Commerce.Bench.Runtime;

/// <summary>The grain the call benchmarks hammer: one small request and response, a little state.</summary>
public interface IPingGrain : IGrainWithIntegerKey
{
    Task<int> PingAsync(int value);
}

public sealed class PingGrain : Grain, IPingGrain
{
    private int _calls;

    public Task<int> PingAsync(int value)
    {
        _calls++;
        return Task.FromResult(value + _calls);
    }
}

/// <summary>An idle grain with a small state, for measuring memory per activation.</summary>
public interface ISmallStateGrain : IGrainWithIntegerKey
{
    Task TouchAsync();
}

public sealed class SmallStateGrain : Grain, ISmallStateGrain
{
    private long _counter;
    private int _flags;

    public Task TouchAsync()
    {
        _counter++;
        _flags |= 1;
        return Task.CompletedTask;
    }
}

/// <summary>A plain object the same shape as <see cref="SmallStateGrain"/>, to subtract the grain's own size.</summary>
internal sealed class SmallStateShape(object? context)
{
    public object? Context { get; } = context;

    public long Counter { get; set; }

    public int Flags { get; set; }
}
