namespace Commerce.Runtime.Postgres.Tests;

public sealed record Address(string Street, string City);
