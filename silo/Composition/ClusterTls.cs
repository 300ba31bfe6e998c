using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Orleans.Connections.Security;
using Orleans.Hosting;

namespace Commerce.Silo;

/// <summary>Applies <see cref="ClusterTlsOptions"/> to a silo or a client: mutual TLS, peers checked against the cluster's own authority.</summary>
public static class ClusterTls
{
    public static ISiloBuilder UseClusterTls(this ISiloBuilder silo, ClusterTlsOptions options)
    {
        if (options.Enabled) silo.UseTls(Load(options), tls => Configure(tls, options));
        return silo;
    }

    public static IClientBuilder UseClusterTls(this IClientBuilder client, ClusterTlsOptions options)
    {
        if (options.Enabled) client.UseTls(Load(options), tls => Configure(tls, options));
        return client;
    }

    private static X509Certificate2 Load(ClusterTlsOptions options) =>
        X509CertificateLoader.LoadPkcs12FromFile(options.CertificatePath!, options.CertificatePassword);

    private static void Configure(TlsOptions tls, ClusterTlsOptions options)
    {
        var authority = X509CertificateLoader.LoadCertificateFromFile(options.CertificateAuthorityPath!);
        tls.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        tls.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        tls.RemoteCertificateValidation = (certificate, _, errors) => IsSignedByAuthority(certificate, authority, errors);
    }

    /// <summary>
    /// Silos address each other by IP, so the host name is not what identifies a member: the chain to the cluster's
    /// authority is. The machine's own trust store plays no part, so a certificate from a public CA is refused too.
    /// </summary>
    private static bool IsSignedByAuthority(X509Certificate2 certificate, X509Certificate2 authority, SslPolicyErrors errors)
    {
        if ((errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0) return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }
}
