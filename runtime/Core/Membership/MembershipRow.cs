namespace Commerce.Runtime.Membership;

/// <summary>A membership entry as read, with the ETag a conditional update of it must present.</summary>
public sealed record MembershipRow(MembershipEntry Entry, long ETag)
{
    public SiloAddress Address => Entry.Address;

    public SiloStatus Status => Entry.Status;
}
