using Commerce.Runtime.Postgres;
using Commerce.Testing.Infrastructure;
using Npgsql;

namespace Commerce.Runtime.Membership.Tests;

/// <summary>
/// The protocol over <see cref="PostgresMembershipTable"/>: every silo has its own table instance
/// (and notification listener), as silos in separate processes would.
/// </summary>
[Collection(PostgresFixture.Collection)]
public sealed class PostgresMembershipProtocolTests(PostgresFixture postgres, ITestOutputHelper output) : MembershipProtocolTests(output)
{
    private NpgsqlDataSource _dataSource = null!;

    public override async Task InitializeAsync() => _dataSource = await PostgresMembershipDatabase.OpenAsync(postgres);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _dataSource.DisposeAsync();
    }

    protected override MembershipTestCluster CreateCluster(ClusterMembershipOptions options)
    {
        var clusterId = PostgresMembershipDatabase.NewClusterId();
        return new MembershipTestCluster(options, () => new PostgresMembershipTable(_dataSource, clusterId, PostgresMembershipDatabase.TestOptions), Output);
    }
}
