using Commerce.Cluster.TestGrains;
using Commerce.Silo;
using Commerce.Testing.Infrastructure;
using FluentAssertions;
using Orleans;
using Xunit;

namespace Commerce.Cluster.Tests;

/// <summary>
/// Silo processes that require mutual TLS with certificates of the cluster's own authority: members and clients
/// holding such a certificate work together; a process without one, or with one from another authority, can
/// neither join nor call.
/// </summary>
[Collection(PostgresFixture.Collection)]
public sealed class MutualTlsTests(PostgresFixture postgres) : IDisposable
{
    private static readonly TimeSpan RefusedWithin = TimeSpan.FromSeconds(20);

    private readonly TestCertificates _cluster = new("cluster-ca");
    private readonly TestCertificates _stranger = new("stranger-ca");

    [Fact]
    public async Task Members_with_certificates_of_the_cluster_authority_call_each_other_and_strangers_are_refused()
    {
        await using var cluster = await ProcessCluster.StartAsync(postgres, silos: 2, TlsArguments(_cluster, "silo"));

        var member = await cluster.ConnectClientAsync(configure: client => client.UseClusterTls(Tls(_cluster, "api")));
        var processes = new HashSet<int>();
        for (var i = 0; i < 40; i++) processes.Add(await member.GetGrain<ICounterGrain>($"tls-{i}").ProcessIdAsync());
        processes.Should().HaveCount(2, "grains answer from both silos over TLS");

        var plain = () => cluster.ConnectClientAsync(startTimeout: RefusedWithin);
        await plain.Should().ThrowAsync<Exception>("a client without a certificate is refused by the gateways");

        var foreign = () => cluster.ConnectClientAsync(startTimeout: RefusedWithin, configure: client => client.UseClusterTls(Tls(_stranger, "intruder")));
        await foreign.Should().ThrowAsync<Exception>("a certificate of another authority is refused");
    }

    [Fact]
    public async Task A_silo_without_the_cluster_certificate_cannot_join()
    {
        await using var cluster = await ProcessCluster.StartAsync(postgres, silos: 1, TlsArguments(_cluster, "silo"));

        var intruder = () => cluster.AddSiloAsync(TlsArguments(_stranger, "intruder"));
        await intruder.Should().ThrowAsync<Exception>("its probes and join handshake are refused");

        var member = await cluster.ConnectClientAsync(configure: client => client.UseClusterTls(Tls(_cluster, "api")));
        (await member.GetGrain<ICounterGrain>("still-alone").IncrementAsync()).Should().Be(1);
        (await cluster.MembershipAsync()).Count(r => r.Status == ProcessCluster.Active).Should().Be(1, "the intruder never became active");
    }

    private static string[] TlsArguments(TestCertificates authority, string member) =>
        ["--tls-certificate", authority.IssueMember($"{member}-{Guid.NewGuid():N}"), "--tls-ca", authority.AuthorityPath];

    private static ClusterTlsOptions Tls(TestCertificates authority, string member) =>
        new() { CertificatePath = authority.IssueMember($"{member}-{Guid.NewGuid():N}"), CertificateAuthorityPath = authority.AuthorityPath };

    public void Dispose()
    {
        _cluster.Dispose();
        _stranger.Dispose();
    }
}
