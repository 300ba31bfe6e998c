namespace Commerce.Silo;

/// <summary>
/// Mutual TLS between the cluster's processes (silo to silo, client to gateway), with certificates the operator
/// supplies: every process presents its own certificate and accepts a peer only if the peer's certificate chains to
/// the cluster's certificate authority. A process without such a certificate can neither join nor call. Set with
/// <c>--tls-certificate</c>, <c>--tls-certificate-password</c> and <c>--tls-ca</c> on silos and the API alike;
/// without them cluster traffic is plain TCP (the embedded default has no cluster traffic at all).
/// </summary>
public sealed class ClusterTlsOptions
{
    /// <summary>Command-line switches and the settings they set, under the host's own section (<c>Silo</c> or <c>Cluster</c>).</summary>
    public static IEnumerable<KeyValuePair<string, string>> Switches(string section) =>
    [
        new("--tls-certificate", $"{section}:Tls:{nameof(CertificatePath)}"),
        new("--tls-certificate-password", $"{section}:Tls:{nameof(CertificatePassword)}"),
        new("--tls-ca", $"{section}:Tls:{nameof(CertificateAuthorityPath)}"),
    ];

    /// <summary>This process's certificate with its private key (PKCS#12, <c>.pfx</c>). Its key usage must allow client and server authentication.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>Password of <see cref="CertificatePath"/>, if it has one.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>The certificate of the authority that signs every member's certificate (PEM or DER). Peers whose certificate does not chain to it are refused.</summary>
    public string? CertificateAuthorityPath { get; set; }

    public bool Enabled => CertificatePath is not null || CertificateAuthorityPath is not null;

    /// <summary>Names the first invalid setting, or null when the options are usable.</summary>
    public string? Validate()
    {
        if (!Enabled) return null;
        if (CertificatePath is null || CertificateAuthorityPath is null) return "--tls-certificate and --tls-ca go together.";
        if (!File.Exists(CertificatePath)) return $"--tls-certificate '{CertificatePath}' does not exist.";
        if (!File.Exists(CertificateAuthorityPath)) return $"--tls-ca '{CertificateAuthorityPath}' does not exist.";
        return null;
    }
}
