namespace Commerce.Postgres.Streams.Tests.Grains;

/// <summary>One delivery of a click to a consumer grain.</summary>
/// <param name="Number">The click's number.</param>
/// <param name="Sequence">Its position in its partition (the delivery's sequence token).</param>
/// <param name="Silo">The silo the consumer ran on.</param>
public sealed record Delivery(int Number, long Sequence, string Silo);
