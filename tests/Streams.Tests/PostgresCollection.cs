using Commerce.Testing.Infrastructure;

namespace Commerce.Postgres.Streams.Tests;

/// <summary>All PostgreSQL tests of this assembly share one throwaway server.</summary>
[CollectionDefinition(PostgresFixture.Collection)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>;
