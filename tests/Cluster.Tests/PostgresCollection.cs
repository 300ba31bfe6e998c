using Commerce.Testing.Infrastructure;
using Xunit;

namespace Commerce.Cluster.Tests;

[CollectionDefinition(PostgresFixture.Collection)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>;
