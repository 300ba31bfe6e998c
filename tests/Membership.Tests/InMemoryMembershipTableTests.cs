namespace Commerce.Runtime.Membership.Tests;

public sealed class InMemoryMembershipTableTests : MembershipTableContractTests
{
    protected override Func<IMembershipTable> CreateTables()
    {
        var table = new InMemoryMembershipTable();
        return () => table;
    }
}
