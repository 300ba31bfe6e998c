namespace Commerce.Grains.Payments.Gateway;

/// <summary>A signed callback as the sandbox gateway sends it: the raw body and its signature header.</summary>
public sealed record SandboxCallback(string PaymentId, string Body, string SignatureHeader);
