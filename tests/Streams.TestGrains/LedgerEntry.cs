namespace Commerce.Streams.TestGrains;

/// <summary>An event of the streams cluster tests: entry <paramref name="Number"/> of an account; a poison one fails its consumer every time.</summary>
public sealed record LedgerEntry(string Account, int Number, bool Poison = false)
{
    /// <summary>The stream namespace <see cref="LedgerGrain"/> subscribes to implicitly.</summary>
    public const string Namespace = "ledger";
}
