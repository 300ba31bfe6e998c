namespace Commerce.Cluster.TestGrains;

/// <summary>Calls along a path of grains, each awaiting the next: a chain that crosses between silos and back.</summary>
[Alias("test.IBounceGrain")]
public interface IBounceGrain : IGrainWithIntegerKey
{
    /// <summary>Calls <c>path[index + 1]</c>, which calls the next, to the end; returns the process id of every hop.</summary>
    Task<int[]> BounceAsync(long[] path, int index);

    [ReadOnly]
    Task<int> ProcessIdAsync();
}

[GrainType("test-bounce")]
public sealed class BounceGrain : Grain, IBounceGrain
{
    public async Task<int[]> BounceAsync(long[] path, int index)
    {
        if (index == path.Length - 1) return [Environment.ProcessId];
        var rest = await GrainFactory.GetGrain<IBounceGrain>(path[index + 1]).BounceAsync(path, index + 1);
        return [Environment.ProcessId, .. rest];
    }

    public Task<int> ProcessIdAsync() => Task.FromResult(Environment.ProcessId);
}
