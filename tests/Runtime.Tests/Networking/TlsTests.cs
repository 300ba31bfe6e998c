using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Commerce.Runtime.Networking;
using Commerce.Runtime.Tests.Grains;
using FluentAssertions;
using Xunit;

namespace Commerce.Runtime.Tests.Networking;

public sealed class TlsTests
{
    [Fact(Timeout = 60_000)]
    public async Task Calls_work_over_tls_with_a_pinned_self_signed_certificate()
    {
        using var certificate = SelfSigned("silo.test");
        await using var server = TestServer.Start(options => UseTls(options, certificate, certificate.GetCertHashString(HashAlgorithmName.SHA256)));
        await using var client = TestClient.Create(server.Address, options => UseTls(options, null, certificate.GetCertHashString(HashAlgorithmName.SHA256).ToLowerInvariant()));
        var echo = client.GetGrain<IEchoGrain>("e1");

        (await echo.EchoAsync("over tls")).Should().Be("over tls");
        var results = await Task.WhenAll(Enumerable.Range(0, 1000).Select(i => echo.AddAsync(i, i).AsTask()));
        results.Should().Equal(Enumerable.Range(0, 1000).Select(i => 2 * i));
    }

    [Fact(Timeout = 60_000)]
    public async Task A_server_certificate_that_is_not_pinned_is_refused()
    {
        using var certificate = SelfSigned("silo.test");
        using var other = SelfSigned("impostor.test");
        await using var server = TestServer.Start(options => UseTls(options, certificate, certificate.Thumbprint));
        await using var client = TestClient.Create(server.Address, options => UseTls(options, null, other.Thumbprint));

        var refusal = await FluentActions.Awaiting(() => client.Manager.GetConnectionAsync(server.Address).AsTask())
            .Should().ThrowAsync<ConnectionRejectedException>();

        refusal.Which.Reason.Should().Contain(certificate.GetCertHashString(HashAlgorithmName.SHA256)).And.Contain("AllowedServerThumbprints");
        server.Handler.Received.Should().Be(0);
    }

    private static void UseTls(NetworkingOptions options, X509Certificate2? serverCertificate, string allowedThumbprint)
    {
        options.UseTls = true;
        options.ServerCertificate = serverCertificate;
        options.AllowedServerThumbprints.Add(allowedThumbprint);
    }

    private static X509Certificate2 SelfSigned(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        using var ephemeral = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));

        // Round-trip through PKCS#12 so the private key is usable by the TLS stack on every platform.
        return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pfx), null);
    }
}
