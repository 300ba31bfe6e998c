using System.Collections.Concurrent;

namespace Commerce.Runtime.Membership.Tests;

/// <summary>One silo of a <see cref="MembershipTestCluster"/>: its membership service and what it raised.</summary>
public sealed class TestSilo
{
    private int _declaredDead;

    public TestSilo(string name, SiloAddress address, MembershipService service, IMembershipTable table)
    {
        Name = name;
        Address = address;
        Service = service;
        Table = table;
        service.ViewChanged += Views.Enqueue;
        service.DeclaredDead += () => Interlocked.Increment(ref _declaredDead);
    }

    public string Name { get; }

    public SiloAddress Address { get; }

    public MembershipService Service { get; }

    /// <summary>The table instance this silo uses (its own for PostgreSQL, the shared one in memory).</summary>
    public IMembershipTable Table { get; }

    /// <summary>Every view this silo published, in order.</summary>
    public ConcurrentQueue<ClusterMembershipView> Views { get; } = new();

    public int DeclaredDeadRaised => Volatile.Read(ref _declaredDead);

    public ClusterMembershipView View => Service.CurrentView;

    public SiloStatus Sees(TestSilo other) => View.StatusOf(other.Address);

    public Task JoinAsync(CancellationToken cancellationToken = default) =>
        Service.JoinAsync(Address, Name, gatewayPort: Address.Port + 10000, cancellationToken);

    public override string ToString() => $"{Name} ({Address})";
}
