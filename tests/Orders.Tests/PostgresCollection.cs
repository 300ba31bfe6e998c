using Commerce.Testing.Infrastructure;

namespace Commerce.Orders.Tests;

[CollectionDefinition(PostgresFixture.Collection)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>;
