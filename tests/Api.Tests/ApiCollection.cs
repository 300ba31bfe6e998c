using Commerce.Testing.Infrastructure;
using Xunit;

namespace Commerce.Api.Tests;

/// <summary>One embedded API shared by the in-process test classes (each test uses its own accounts).</summary>
[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiFactory>
{
    public const string Name = "api";
}

[CollectionDefinition(PostgresFixture.Collection)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>;
