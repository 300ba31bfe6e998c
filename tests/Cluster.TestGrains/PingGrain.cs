namespace Commerce.Cluster.TestGrains;

/// <summary>A stateless echo for transport and placement tests and the cross-silo benchmark.</summary>
[Alias("test.IPingGrain")]
public interface IPingGrain : IGrainWithIntegerKey
{
    Task<int> PingAsync(int value);

    [ReadOnly]
    Task<int> ProcessIdAsync();
}

[GrainType("test-ping")]
public sealed class PingGrain : Grain, IPingGrain
{
    public Task<int> PingAsync(int value) => Task.FromResult(value + 1);

    public Task<int> ProcessIdAsync() => Task.FromResult(Environment.ProcessId);
}
