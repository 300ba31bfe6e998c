using Commerce.Grains.Catalog;
using Commerce.Postgres.Migrations;
using Commerce.Testing.Infrastructure;
using FluentAssertions;
using Npgsql;

namespace Commerce.Catalog.Tests;

[Collection(PostgresFixture.Collection)]
public sealed class PostgresCatalogIndexTests(PostgresFixture postgres) : CatalogIndexContract, IAsyncLifetime
{
    private readonly List<NpgsqlDataSource> _dataSources = [];

    protected override async Task<ICatalogIndex> CreateIndexAsync()
    {
        var dataSource = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync("catalog"));
        _dataSources.Add(dataSource);
        await new SchemaMigrator(dataSource, migrationAssemblies: [typeof(PostgresCatalogIndex).Assembly]).MigrateAsync();
        return new PostgresCatalogIndex(dataSource);
    }

    [Fact]
    public async Task The_catalog_migration_is_in_the_catalog_range_and_applies_once()
    {
        var dataSource = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync("catalog"));
        _dataSources.Add(dataSource);
        var migrator = new SchemaMigrator(dataSource, migrationAssemblies: [typeof(PostgresCatalogIndex).Assembly]);
        migrator.KnownMigrations.Should().Contain(m => m.Version == 100 && m.Name.Contains("catalog_products"));
        (await migrator.MigrateAsync()).Should().Contain(m => m.Version == 100);
        (await migrator.MigrateAsync()).Should().BeEmpty();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var dataSource in _dataSources) await dataSource.DisposeAsync();
    }
}
