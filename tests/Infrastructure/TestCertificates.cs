using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Commerce.Testing.Infrastructure;

/// <summary>
/// A certificate authority made for one test run, and member certificates it signs, written to a temporary folder
/// as an operator would supply them: <c>.pfx</c> files for members, a <c>.crt</c> for the authority.
/// </summary>
public sealed class TestCertificates : IDisposable
{
    private readonly X509Certificate2 _authority;

    public TestCertificates(string name = "commerce-test-ca")
    {
        Folder = Directory.CreateTempSubdirectory("certs-").FullName;
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        _authority = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(60));
        AuthorityPath = Path.Combine(Folder, $"{name}.crt");
        File.WriteAllText(AuthorityPath, _authority.ExportCertificatePem());
    }

    public string Folder { get; }

    /// <summary>The authority's certificate (PEM), for <c>--tls-ca</c>.</summary>
    public string AuthorityPath { get; }

    /// <summary>Issues a member certificate for client and server authentication; returns the path of its <c>.pfx</c> (no password).</summary>
    public string IssueMember(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        var sanBuilder = new SubjectAlternativeNameBuilder();
        sanBuilder.AddIpAddress(System.Net.IPAddress.Loopback);
        sanBuilder.AddDnsName("localhost");
        request.CertificateExtensions.Add(sanBuilder.Build());
        var serial = RandomNumberGenerator.GetBytes(16);
        using var issued = request.Create(_authority, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30), serial);
        using var withKey = issued.CopyWithPrivateKey(key);
        var path = Path.Combine(Folder, $"{name}.pfx");
        File.WriteAllBytes(path, withKey.Export(X509ContentType.Pkcs12));
        return path;
    }

    public void Dispose()
    {
        _authority.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A process still holding a file; the folder is temporary anyway.
        }
    }
}
