using Commerce.Runtime;

namespace Commerce.Streams.TestGrains;

public interface ILedgerGrain : IGrainWithStringKey
{
    /// <summary>Every entry number received, duplicates included, in the order received.</summary>
    Task<List<int>> GetReceivedAsync();
}
