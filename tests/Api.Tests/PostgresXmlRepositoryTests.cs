using System.Xml.Linq;
using Commerce.Api.Security;
using Commerce.GrainInterfaces.Common;
using Commerce.Grains;
using Commerce.Postgres.Migrations;
using Commerce.Testing.Infrastructure;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Xunit;

namespace Commerce.Api.Tests;

/// <summary>The Data Protection key ring's PostgreSQL repository and its at-rest encryption.</summary>
[Collection(PostgresFixture.Collection)]
public sealed class PostgresXmlRepositoryTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Stored_elements_are_read_back_in_order_by_any_repository_on_the_database()
    {
        await using var data = await MigratedDatabaseAsync();
        var writer = new PostgresXmlRepository(data);

        writer.StoreElement(new XElement("key", new XAttribute("id", "1"), "first"), "key-1");
        writer.StoreElement(new XElement("key", new XAttribute("id", "2"), "second"), "key-2");

        var read = new PostgresXmlRepository(data).GetAllElements();
        read.Select(e => (string?)e.Attribute("id")).Should().Equal("1", "2");
        read.Select(e => e.Value).Should().Equal("first", "second");
    }

    [Fact]
    public async Task Storing_an_element_again_under_its_name_keeps_the_first()
    {
        await using var data = await MigratedDatabaseAsync();
        var repository = new PostgresXmlRepository(data);

        repository.StoreElement(new XElement("key", "original"), "key-1");
        repository.StoreElement(new XElement("key", "again"), "key-1");

        repository.GetAllElements().Should().ContainSingle().Which.Value.Should().Be("original");
    }

    [Fact]
    public async Task The_schema_migration_is_idempotent_and_keeps_the_keys()
    {
        await using var data = await MigratedDatabaseAsync();
        new PostgresXmlRepository(data).StoreElement(new XElement("key", "kept"), "key-1");

        var again = await Migrator(data).MigrateAsync();

        again.Should().BeEmpty();
        new PostgresXmlRepository(data).GetAllElements().Should().ContainSingle().Which.Value.Should().Be("kept");
    }

    [Fact]
    public async Task An_empty_key_ring_reads_as_no_elements()
    {
        await using var data = await MigratedDatabaseAsync();

        new PostgresXmlRepository(data).GetAllElements().Should().BeEmpty();
    }

    [Fact]
    public void Key_material_is_encrypted_with_the_users_encryption_key_and_decrypts_back()
    {
        var services = new ServiceCollection()
            .AddSingleton(new SensitiveDataProtector(Convert.ToBase64String(new byte[32]), NullLogger.Instance))
            .BuildServiceProvider();
        var secret = new XElement("masterKey", new XElement("value", "c2VjcmV0LWtleS1tYXRlcmlhbA=="));

        var encrypted = new SensitiveDataXmlEncryptor(services.GetRequiredService<SensitiveDataProtector>()).Encrypt(secret);

        encrypted.EncryptedElement.ToString().Should().NotContain("c2VjcmV0LWtleS1tYXRlcmlhbA==");
        encrypted.DecryptorType.Should().Be<SensitiveDataXmlDecryptor>();
        XNode.DeepEquals(new SensitiveDataXmlDecryptor(services).Decrypt(encrypted.EncryptedElement), secret).Should().BeTrue();
    }

    private async Task<NpgsqlDataSource> MigratedDatabaseAsync()
    {
        var data = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync("keyring"));
        await Migrator(data).MigrateAsync();
        return data;
    }

    private static SchemaMigrator Migrator(NpgsqlDataSource data) =>
        new(data, NullLogger<SchemaMigrator>.Instance, [CommerceSchema.MigrationAssembly]);
}
