using Commerce.Testing.Infrastructure;

namespace Commerce.Streams.ClusterTests;

[CollectionDefinition(PostgresFixture.Collection)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>;
