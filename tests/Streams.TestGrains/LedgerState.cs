namespace Commerce.Streams.TestGrains;

public sealed class LedgerState
{
    public List<int> Received { get; set; } = [];
}
