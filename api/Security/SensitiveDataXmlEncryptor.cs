using System.Xml.Linq;
using Commerce.GrainInterfaces.Common;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.Api.Security;

/// <summary>
/// Encrypts Data Protection key material at rest with the same AES-256-GCM key that protects users'
/// sensitive fields (<see cref="SensitiveDataProtector"/>, <c>Users:EncryptionKey</c>): a reader of the
/// database alone cannot forge or read bearer tokens.
/// </summary>
public sealed class SensitiveDataXmlEncryptor(SensitiveDataProtector protector) : IXmlEncryptor
{
    internal const string ElementName = "sensitiveDataProtected";
    internal const string ValueElementName = "value";

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        ArgumentNullException.ThrowIfNull(plaintextElement);
        var encrypted = new XElement(ElementName,
            new XComment(" Encrypted with Users:EncryptionKey (AES-256-GCM). "),
            new XElement(ValueElementName, protector.Protect(plaintextElement.ToString(SaveOptions.DisableFormatting))));
        return new EncryptedXmlInfo(encrypted, typeof(SensitiveDataXmlDecryptor));
    }
}

/// <summary>
/// Decrypts what <see cref="SensitiveDataXmlEncryptor"/> wrote. Data Protection creates it by type name
/// from the stored XML, through this constructor.
/// </summary>
public sealed class SensitiveDataXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        ArgumentNullException.ThrowIfNull(encryptedElement);
        var value = encryptedElement.Element(SensitiveDataXmlEncryptor.ValueElementName)?.Value
            ?? throw new InvalidOperationException("The encrypted key element has no value.");
        return XElement.Parse(services.GetRequiredService<SensitiveDataProtector>().Unprotect(value));
    }
}
