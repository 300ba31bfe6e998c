namespace Commerce.Runtime.Postgres.Tests;

public sealed record CartLine(string Sku, int Quantity, decimal UnitPrice, IReadOnlyList<string> Tags);
