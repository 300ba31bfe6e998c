namespace Commerce.Runtime.Membership;

/// <summary>
/// The membership table could not be read or written (the database is unreachable, timed out or
/// failed). Not a conflict: conflicts are reported as <see langword="false"/>. The membership
/// service retries on its next period, so an outage alone never kills a silo.
/// </summary>
public sealed class MembershipTableException : Exception
{
    public MembershipTableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
