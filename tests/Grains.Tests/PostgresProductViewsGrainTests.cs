using Commerce.GrainInterfaces.Catalog;
using Commerce.Grains.Testing;
using Commerce.Postgres.Migrations;
using Commerce.Silo;
using Commerce.Testing.Infrastructure;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Configuration;
using Xunit;

namespace Commerce.Grains.Tests;

/// <summary>Product views whose state is in PostgreSQL, so it outlives the cluster.</summary>
[Collection(PostgresFixture.Collection)]
public sealed class PostgresProductViewsGrainTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Views_are_written_when_the_silo_shuts_down_and_read_back_by_the_next_silo()
    {
        var connectionString = await postgres.CreateDatabaseAsync("product_views");
        await using (var dataSource = NpgsqlDataSource.Create(connectionString))
        {
            await new SchemaMigrator(dataSource).MigrateAsync();
        }
        // Grain state is keyed by the service id, which each test cluster draws anew: both clusters must share one.
        var serviceId = Guid.NewGuid().ToString("N");
        Task<CommerceTestCluster> StartAsync() => ProductViewsGrainTests.StartAsync(TimeSpan.FromMinutes(10), silo =>
        {
            silo.UseCommercePostgresStorage(connectionString);
            silo.Services.PostConfigure<ClusterOptions>(o => o.ServiceId = serviceId);
        });

        await using (var first = await StartAsync())
        {
            for (var i = 0; i < 5; i++) await first.GrainFactory.GetGrain<IProductViewsGrain>("sku-3").RecordViewAsync($"u{i}");
        }

        await using var second = await StartAsync();

        (await second.GrainFactory.GetGrain<IProductViewsGrain>("sku-3").GetStatsAsync()).Views.Should().Be(5);
    }
}
