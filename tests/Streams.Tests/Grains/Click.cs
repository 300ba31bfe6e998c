namespace Commerce.Postgres.Streams.Tests.Grains;

/// <summary>The event the provider tests produce: an application record as Orleans serializes it, stored as JSON in the log.</summary>
[GenerateSerializer, Immutable, Alias("test.click")]
public sealed record Click([property: Id(0)] string User, [property: Id(1)] int Number)
{
    /// <summary>A click number every consumer of the tests fails on.</summary>
    public const int Poison = -1;
}
