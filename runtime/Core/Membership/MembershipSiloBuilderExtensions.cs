using Commerce.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Commerce.Runtime.Membership;

/// <summary>
/// Clustering verbs for <see cref="ISiloBuilder"/>: <c>silo.UseInMemoryClustering()</c> for the
/// embedded single-process default, <c>silo.UseMembershipTable(...)</c> for any other table (the
/// PostgreSQL provider builds on it).
/// </summary>
/// <remarks>
/// Registers <see cref="MembershipService"/> (also as <see cref="IClusterMembership"/>), the table and
/// <see cref="ClusterMembershipOptions"/> (validated at start). The host calls
/// <see cref="MembershipService.JoinAsync"/> once the transport listens, <see cref="MembershipService.LeaveAsync"/>
/// on a graceful stop, and terminates on <see cref="MembershipService.DeclaredDead"/>. The transport
/// registers the <see cref="ISiloProber"/>.
/// </remarks>
public static class MembershipSiloBuilderExtensions
{
    /// <summary>
    /// Membership in this process's memory: a single silo (the embedded default), with a prober that
    /// reaches no peer unless the transport registers a real one.
    /// </summary>
    public static ISiloBuilder UseInMemoryClustering(this ISiloBuilder silo) =>
        silo.UseInMemoryClustering(new InMemoryMembershipTable());

    /// <summary>
    /// Membership in <paramref name="table"/>, which several silos of this process may share (an
    /// in-process test cluster, with its own <see cref="ISiloProber"/>).
    /// </summary>
    public static ISiloBuilder UseInMemoryClustering(this ISiloBuilder silo, InMemoryMembershipTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        silo.UseMembershipTable(_ => table);
        silo.Services.TryAddSingleton<ISiloProber, NoPeerSiloProber>();
        return silo;
    }

    /// <summary>Membership in the table <paramref name="tableFactory"/> builds (once, as a singleton).</summary>
    public static ISiloBuilder UseMembershipTable(this ISiloBuilder silo, Func<IServiceProvider, IMembershipTable> tableFactory)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(tableFactory);
        var services = silo.Services;
        services.AddOptions<ClusterMembershipOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ClusterMembershipOptions>, ClusterMembershipOptionsValidator>());
        // One table per silo: a later call (e.g. PostgreSQL after an in-memory default) replaces the earlier.
        services.RemoveAll<IMembershipTable>();
        services.AddSingleton(tableFactory);
        services.TryAddSingleton<MembershipService>();
        services.TryAddSingleton<IClusterMembership>(sp => sp.GetRequiredService<MembershipService>());
        return silo;
    }

    /// <summary>Sets the membership protocol's tunables (see <see cref="ClusterMembershipOptions"/> for the defaults).</summary>
    public static ISiloBuilder ConfigureClusterMembership(this ISiloBuilder silo, Action<ClusterMembershipOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(configure);
        silo.Services.Configure(configure);
        return silo;
    }
}
