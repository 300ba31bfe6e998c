namespace Commerce.Api.Errors;

/// <summary>Request size limits. Bound from the <c>Limits</c> section.</summary>
public sealed class RequestLimitsOptions
{
    public const string Section = "Limits";

    /// <summary>Largest request body accepted. Default 64 KiB: no storefront or admin request needs more.</summary>
    public long MaxRequestBodyBytes { get; set; } = 64 * 1024;
}
