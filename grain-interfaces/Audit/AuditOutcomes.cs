namespace Commerce.GrainInterfaces.Audit;

public static class AuditOutcomes
{
    public const string Succeeded = "succeeded";

    /// <summary>Refused by validation or a conflict (a 4xx).</summary>
    public const string Rejected = "rejected";

    public const string Failed = "failed";

    public static IReadOnlyList<string> All { get; } = [Succeeded, Rejected, Failed];
}
