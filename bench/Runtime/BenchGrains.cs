using Orleans;

namespace Commerce.Bench.Runtime;

/// <summary>The grain the in-silo call benchmarks hammer: one small request and response, a little state.</summary>
[Alias("bench.IPingGrain")]
public interface IPingGrain : IGrainWithIntegerKey
{
    Task<int> PingAsync(int value);
}

[GrainType("bench-ping")]
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
[Alias("bench.ISmallStateGrain")]
public interface ISmallStateGrain : IGrainWithIntegerKey
{
    Task TouchAsync();
}

[GrainType("bench-small-state")]
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

/// <summary>
/// A plain object the same shape as <see cref="SmallStateGrain"/> (Orleans' <see cref="Grain"/> base holds two
/// references: the grain context and the runtime), to subtract the grain's own size.
/// </summary>
internal sealed class SmallStateShape(object? context, object? runtime)
{
    public object? Context { get; } = context;

    public object? Runtime { get; } = runtime;

    public long Counter { get; set; }

    public int Flags { get; set; }
}
