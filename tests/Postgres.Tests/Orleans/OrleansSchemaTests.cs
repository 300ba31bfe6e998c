using Commerce.Postgres.Migrations;
using Commerce.Testing.Infrastructure;
using FluentAssertions;
using Npgsql;

namespace Commerce.Postgres.Tests.Orleans;

/// <summary>The Orleans part of the schema (migrations 005-007) as a whole.</summary>
[Collection(PostgresFixture.Collection)]
public sealed class OrleansSchemaTests(PostgresFixture postgres)
{
    /// <summary>
    /// Every key Orleans 10.4.2's ADO.NET providers read from orleansquery. Clustering, storage and
    /// reminders refuse to start when one of theirs is missing; CleanupDefunctSiloEntryKey and
    /// DeleteStorageKey are optional (per-row cleanup, DeleteStateOnClear) and installed too.
    /// </summary>
    private static readonly string[] ProviderQueryKeys =
    [
        "GatewaysQueryKey", "MembershipReadRowKey", "MembershipReadAllKey", "InsertMembershipVersionKey",
        "UpdateIAmAlivetimeKey", "InsertMembershipKey", "UpdateMembershipKey", "DeleteMembershipTableEntriesKey",
        "CleanupDefunctSiloEntriesKey", "CleanupDefunctSiloEntryKey",
        "ReadFromStorageKey", "WriteToStorageKey", "ClearStorageKey", "DeleteStorageKey",
        "ReadReminderRowsKey", "ReadRangeRows1Key", "ReadRangeRows2Key", "ReadReminderRowKey",
        "UpsertReminderRowKey", "DeleteReminderRowKey", "DeleteReminderRowsKey",
    ];

    [Fact]
    public async Task The_migrations_install_every_query_the_orleans_providers_read()
    {
        await using var dataSource = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync("orleans_schema"));

        await new SchemaMigrator(dataSource).MigrateAsync();

        var keys = new List<string>();
        await using var command = dataSource.CreateCommand("SELECT QueryKey FROM OrleansQuery");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) keys.Add(reader.GetString(0));
        keys.Should().BeEquivalentTo(ProviderQueryKeys);
    }

    [Fact]
    public async Task Migrating_twice_changes_nothing()
    {
        await using var dataSource = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync("orleans_schema"));
        var migrator = new SchemaMigrator(dataSource);
        await migrator.MigrateAsync();
        var before = await SnapshotAsync(dataSource);

        var second = await migrator.MigrateAsync();

        second.Should().BeEmpty();
        (await SnapshotAsync(dataSource)).Should().Be(before);
    }

    [Fact]
    public async Task Running_the_orleans_migration_files_again_changes_neither_schema_nor_data()
    {
        await using var dataSource = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync("orleans_schema"));
        await new SchemaMigrator(dataSource).MigrateAsync();
        await using (var seed = dataSource.CreateCommand("""
            INSERT INTO orleans_membership_versions (cluster_id, version) VALUES ('c', 3);
            INSERT INTO orleans_membership (cluster_id, address, port, generation, silo_name, host_name, status, proxy_port, start_time, i_am_alive_time)
                 VALUES ('c', '127.0.0.1', 11111, 1, 's', 'h', 3, 30000, now(), now());
            INSERT INTO orleans_grain_state (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_extension, payload, version)
                 VALUES ('svc', 'counter', 0, 1, '', '\x7b7d', 4);
            INSERT INTO orleans_reminders (service_id, grain_id, reminder_name, grain_hash, start_time, period_ms, version)
                 VALUES ('svc', 'g/1', 'r', 5, now(), 60000, 2);
            """))
        {
            await seed.ExecuteNonQueryAsync();
        }
        var before = await SnapshotAsync(dataSource);

        // As the migrator runs them: all in one transaction.
        await using (var connection = await dataSource.OpenConnectionAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            foreach (var migration in SchemaMigrator.Migrations.Where(m => m.Version is >= 5 and <= 7))
            {
                await using var command = new NpgsqlCommand(migration.Sql, connection, transaction);
                await command.ExecuteNonQueryAsync();
            }
            await transaction.CommitAsync();
        }

        (await SnapshotAsync(dataSource)).Should().Be(before);
    }

    /// <summary>Tables, columns, constraints, indexes, functions, the stored queries and the Orleans rows, as text.</summary>
    private static async Task<string> SnapshotAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT string_agg(line, E'\n' ORDER BY line) FROM (
                SELECT format('column %s.%s %s %s %s', table_name, column_name, data_type, is_nullable, column_default) AS line
                  FROM information_schema.columns WHERE table_schema = 'public'
                UNION ALL
                SELECT format('constraint %s %s', conname, pg_get_constraintdef(oid)) FROM pg_constraint WHERE connamespace = 'public'::regnamespace
                UNION ALL
                SELECT format('index %s', indexdef) FROM pg_indexes WHERE schemaname = 'public'
                UNION ALL
                SELECT format('function %s', pg_get_functiondef(p.oid)) FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace
                UNION ALL
                SELECT format('table %s %s', c.relname, c.reloptions) FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r'
                UNION ALL
                SELECT format('query %s %s', querykey, md5(querytext)) FROM orleansquery
                UNION ALL
                SELECT format('membership %s', m) FROM orleans_membership m
                UNION ALL
                SELECT format('version %s', v) FROM orleans_membership_versions v
                UNION ALL
                SELECT format('state %s', s) FROM orleans_grain_state s
                UNION ALL
                SELECT format('reminder %s', r) FROM orleans_reminders r
            ) AS schema
            """);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
