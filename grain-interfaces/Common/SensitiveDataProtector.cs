using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Commerce.GrainInterfaces.Common;

/// <summary>
/// Encrypts sensitive fields before they reach storage: AES-256-GCM with a fresh random nonce
/// per value, stored as <c>v1:</c> + base64(nonce | tag | ciphertext). GCM authenticates, so a
/// tampered value fails to decrypt instead of yielding garbage. The user and order grains protect
/// phone numbers, addresses and payment tokens with it; the API protects its Data Protection key ring.
/// Pure crypto on one key (<see cref="EncryptionKeySetting"/>), so it lives here where both can use it;
/// the format is in stored data, so it must keep reading <c>v1:</c> values.
/// </summary>
public sealed class SensitiveDataProtector
{
    /// <summary>The configuration key of the AES-256 key (32 bytes, base64); every silo and API host needs the same one.</summary>
    public const string EncryptionKeySetting = "Users:EncryptionKey";

    private const string Prefix = "v1:";
    private const int NonceSize = 12;
    private const int TagSize = 16;

    // Only so that the embedded demo runs with no configuration; Users:EncryptionKey replaces it.
    private static readonly byte[] s_developmentKey = SHA256.HashData("commerce-development-key-not-for-production"u8);

    private readonly byte[] _key;

    /// <param name="encryptionKey">The AES-256 key, base64; null for the development key (with a warning).</param>
    /// <param name="logger">Where the development-key warning goes.</param>
    public SensitiveDataProtector(string? encryptionKey, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        if (encryptionKey is { } configured)
        {
            _key = Convert.FromBase64String(configured);
            if (_key.Length != 32) throw new InvalidOperationException("Users:EncryptionKey must be 32 bytes, base64-encoded.");
        }
        else
        {
            logger.LogWarning("Users:EncryptionKey is not set: sensitive user fields are encrypted with the development key.");
            _key = s_developmentKey;
        }
    }

    public string Protect(string plaintext)
    {
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var sealedBytes = new byte[NonceSize + TagSize + plain.Length];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize));
        return Prefix + Convert.ToBase64String(sealedBytes);
    }

    public string Unprotect(string protectedValue)
    {
        if (!protectedValue.StartsWith(Prefix, StringComparison.Ordinal)) throw new CryptographicException("Not a protected value.");
        var sealedBytes = Convert.FromBase64String(protectedValue[Prefix.Length..]);
        var plain = new byte[sealedBytes.Length - NonceSize - TagSize];
        using var aes = new AesGcm(_key, TagSize);
        aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), plain);
        return Encoding.UTF8.GetString(plain);
    }

    public string? ProtectOptional(string? plaintext) => plaintext is null ? null : Protect(plaintext);

    public string? UnprotectOptional(string? protectedValue) => protectedValue is null ? null : Unprotect(protectedValue);
}
