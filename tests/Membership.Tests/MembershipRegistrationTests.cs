using Commerce.Runtime.Hosting;
using Commerce.Runtime.Postgres;
using Commerce.Testing.Infrastructure;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.Runtime.Membership.Tests;

/// <summary>What the silo builder verbs register, as the host resolves it.</summary>
[Collection(PostgresFixture.Collection)]
public sealed class MembershipRegistrationTests(PostgresFixture postgres)
{
    [Fact]
    public async Task In_memory_clustering_gives_a_lone_silo_a_membership_in_which_it_becomes_active()
    {
        var services = new ServiceCollection();
        services.AddSilo(silo => silo.UseInMemoryClustering().ConfigureClusterMembership(o => o.ProbePeriod = TimeSpan.FromMilliseconds(500)));
        await using var provider = services.BuildServiceProvider();

        var membership = provider.GetRequiredService<MembershipService>();
        var self = new SiloAddress("127.0.0.1", 11_111, SiloAddress.NewGeneration());
        await membership.JoinAsync(self, "solo", gatewayPort: 30_000);

        provider.GetRequiredService<IClusterMembership>().Should().BeSameAs(membership);
        provider.GetRequiredService<IMembershipTable>().Should().BeOfType<InMemoryMembershipTable>();
        membership.CurrentView.ActiveSilos.Should().Equal([self]);
        membership.CurrentView.Members.Single().GatewayPort.Should().Be(30_000);
    }

    [Fact]
    public async Task Postgres_clustering_registers_a_table_over_its_own_data_source_for_the_configured_cluster()
    {
        await using var migrate = await PostgresMembershipDatabase.OpenAsync(postgres);
        var clusterId = PostgresMembershipDatabase.NewClusterId();
        var services = new ServiceCollection();
        services.AddSilo(silo => silo
            .UsePostgresClustering(migrate.ConnectionString)
            .Configure<PostgresMembershipOptions>(o => o.ClusterId = clusterId));
        // Outside the embedded default the transport registers the prober; nothing is assumed.
        services.AddSingleton<ISiloProber, NoPeerSiloProber>();
        var self = new SiloAddress("127.0.0.1", 11_111, SiloAddress.NewGeneration());

        await using (var provider = services.BuildServiceProvider())
        {
            await provider.GetRequiredService<MembershipService>().JoinAsync(self, "solo", 0);
            provider.GetRequiredService<IMembershipTable>().Should().BeOfType<PostgresMembershipTable>();
        }

        await using var table = new PostgresMembershipTable(migrate, clusterId);
        (await table.ReadAllAsync()).Find(self)!.Status.Should().Be(SiloStatus.Active);
    }
}
