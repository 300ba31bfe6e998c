namespace Commerce.Cluster.TestGrains;

[Alias("test.ICounterGrain")]
public interface ICounterGrain : IGrainWithStringKey
{
    /// <summary>Adds one and persists it before answering: an answered increment is an acknowledged write.</summary>
    Task<long> IncrementAsync();

    [ReadOnly]
    Task<long> GetAsync();

    /// <summary>The process the activation runs in, so tests can see where a grain lives.</summary>
    [ReadOnly]
    Task<int> ProcessIdAsync();
}

[GenerateSerializer, Alias("test.CounterState")]
public sealed class CounterState
{
    [Id(0)]
    public long Value { get; set; }
}

[GrainType("test-counter")]
public sealed class CounterGrain([PersistentState("counter")] IPersistentState<CounterState> state) : Grain, ICounterGrain
{
    public async Task<long> IncrementAsync()
    {
        state.State.Value++;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State.Value--;
            throw;
        }

        return state.State.Value;
    }

    public Task<long> GetAsync() => Task.FromResult(state.State.Value);

    public Task<int> ProcessIdAsync() => Task.FromResult(Environment.ProcessId);
}
