using Commerce.Runtime;

namespace Commerce.Streams.TestGrains;

/// <summary>
/// The implicit consumer of (ledger, account): records each entry in grain storage before it
/// acknowledges the delivery, so what it received survives the loss of its silo.
/// </summary>
[GrainType("stream-test-ledger")]
[ImplicitStreamSubscription(LedgerEntry.Namespace)]
public sealed class LedgerGrain([PersistentState("ledger")] IPersistentState<LedgerState> state) : Grain, ILedgerGrain, IAsyncObserver<LedgerEntry>
{
    public Task<List<int>> GetReceivedAsync() => Task.FromResult(state.State.Received.ToList());

    public async Task OnNextAsync(LedgerEntry item, StreamSequenceToken? token = null)
    {
        if (item.Poison) throw new InvalidOperationException($"Poison entry {item.Number} of {item.Account}.");
        state.State.Received.Add(item.Number);
        await state.WriteStateAsync();
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception exception) => Task.CompletedTask;
}
