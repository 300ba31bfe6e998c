using Commerce.Postgres.Migrations;
using Commerce.Testing.Infrastructure;
using FluentAssertions;
using Npgsql;

namespace Commerce.Postgres.Tests;

[Collection(PostgresFixture.Collection)]
public sealed class SchemaMigratorTests(PostgresFixture postgres)
{
    [Fact]
    public void Migrations_are_numbered_uniquely_in_ascending_order_and_include_the_orleans_schema()
    {
        var migrations = SchemaMigrator.Migrations;

        migrations.Select(m => m.Version).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        migrations.Select(m => m.ToString()).Should().Contain(["005_orleans_clustering", "006_orleans_grain_storage", "007_orleans_reminders"]);
        migrations.Should().OnlyContain(m => !string.IsNullOrWhiteSpace(m.Sql));
    }

    [Fact]
    public async Task Migrating_a_fresh_database_applies_every_migration_and_records_it()
    {
        await using var dataSource = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync("migrate"));

        var applied = await new SchemaMigrator(dataSource).MigrateAsync();

        applied.Should().Equal(SchemaMigrator.Migrations);
        (await RecordedVersionsAsync(dataSource)).Should().Equal(SchemaMigrator.Migrations.Select(m => m.Version));
        (await TableExistsAsync(dataSource, "orleans_grain_state")).Should().BeTrue();
        (await TableExistsAsync(dataSource, "orleans_membership")).Should().BeTrue();
        (await TableExistsAsync(dataSource, "orleans_reminders")).Should().BeTrue();
    }

    [Fact]
    public async Task Migrations_of_another_assembly_apply_after_the_runtime_ones_in_version_order()
    {
        await using var dataSource = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync("migrate"));
        var migrator = new SchemaMigrator(dataSource, migrationAssemblies: [typeof(SchemaMigratorTests).Assembly]);

        var applied = await migrator.MigrateAsync();

        applied.Select(m => m.Version).Should().Equal(SchemaMigrator.Migrations.Select(m => m.Version).Append(900));
        migrator.KnownMigrations.Should().Equal(applied);
        (await TableExistsAsync(dataSource, "migration_probe")).Should().BeTrue();
    }

    [Fact]
    public async Task Migrating_twice_applies_nothing_the_second_time_and_records_each_version_once()
    {
        await using var dataSource = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync("migrate"));
        var migrator = new SchemaMigrator(dataSource);

        await migrator.MigrateAsync();
        var second = await migrator.MigrateAsync();

        second.Should().BeEmpty();
        (await RecordedVersionsAsync(dataSource)).Should().Equal(SchemaMigrator.Migrations.Select(m => m.Version));
    }

    [Fact]
    public async Task Four_silos_migrating_at_once_apply_each_migration_exactly_once()
    {
        var connectionString = await postgres.CreateDatabaseAsync("migrate");
        var dataSources = Enumerable.Range(0, 4).Select(_ => NpgsqlDataSource.Create(connectionString)).ToArray();
        try
        {
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var silos = dataSources.Select(async ds =>
            {
                await start.Task;
                return await new SchemaMigrator(ds).MigrateAsync();
            }).ToArray();

            start.SetResult();
            var results = await Task.WhenAll(silos);

            results.SelectMany(applied => applied).Should().BeEquivalentTo(SchemaMigrator.Migrations);
            (await RecordedVersionsAsync(dataSources[0])).Should().Equal(SchemaMigrator.Migrations.Select(m => m.Version));
        }
        finally
        {
            foreach (var dataSource in dataSources) await dataSource.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_database_that_cannot_be_reached_fails_with_SchemaMigrationException()
    {
        var missing = new NpgsqlConnectionStringBuilder(postgres.ConnectionString) { Database = "no_such_database", Timeout = 2 }.ConnectionString;
        await using var dataSource = NpgsqlDataSource.Create(missing);

        var migrate = () => new SchemaMigrator(dataSource).MigrateAsync();

        (await migrate.Should().ThrowAsync<SchemaMigrationException>()).Which.Migration.Should().BeNull();
    }

    private static async Task<List<int>> RecordedVersionsAsync(NpgsqlDataSource dataSource)
    {
        var versions = new List<int>();
        await using var command = dataSource.CreateCommand("SELECT version FROM schema_migrations ORDER BY version");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) versions.Add(reader.GetInt32(0));
        return versions;
    }

    private static async Task<bool> TableExistsAsync(NpgsqlDataSource dataSource, string table)
    {
        await using var command = dataSource.CreateCommand("SELECT to_regclass($1) IS NOT NULL");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = table });
        return (bool)(await command.ExecuteScalarAsync())!;
    }
}
