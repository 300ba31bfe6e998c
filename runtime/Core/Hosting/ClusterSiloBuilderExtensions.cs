using System.Net;
using Commerce.Runtime.Catalog;
using Commerce.Runtime.Configuration;
using Commerce.Runtime.Membership;
using Commerce.Runtime.Messaging;
using Commerce.Runtime.Networking;
using Commerce.Runtime.Placement;
using Commerce.Runtime.Registry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Commerce.Runtime.Hosting;

/// <summary>
/// Makes a silo a member of a cluster: it listens for silos and clients, joins the membership
/// (configure a membership table too: <c>UseInMemoryClustering</c> or <c>UsePostgresClustering</c>),
/// routes each call to the grain's owner and hands grains over when the membership changes.
/// </summary>
public static class ClusterSiloBuilderExtensions
{
    public static ISiloBuilder UseClusterNetworking(this ISiloBuilder silo, Action<EndpointOptions> endpoints, Action<NetworkingOptions> networking)
    {
        var services = silo.Services;
        services.Configure(endpoints);
        services.Configure(networking);
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<EndpointOptions>>().Value;
            var siloOptions = sp.GetRequiredService<IOptions<SiloOptions>>().Value;
            var address = new SiloAddress(options.AdvertisedAddress, options.SiloPort, SiloAddress.NewGeneration());
            return new LocalSiloDetails(address, siloOptions.SiloName, options.GatewayPort);
        });
        services.AddSingleton<SiloRequestHandler>();
        services.AddKeyedSingleton(ClusterHostedService.SiloListener, (sp, _) => CreateConnections(sp, gateway: false));
        services.AddKeyedSingleton(ClusterHostedService.GatewayListener, (sp, _) => CreateConnections(sp, gateway: true));
        services.AddSingleton(sp => sp.GetRequiredKeyedService<ConnectionManager>(ClusterHostedService.SiloListener));
        services.RemoveAll<ISiloProber>();
        services.AddSingleton<ISiloProber>(sp => sp.GetRequiredService<ConnectionManager>());
        services.AddSingleton(sp => new ClusterPlacement(sp.GetRequiredService<IClusterMembership>(), sp.GetRequiredService<LocalSiloDetails>().Address));
        services.RemoveAll<IGrainOwnership>();
        services.AddSingleton<IGrainOwnership>(sp => sp.GetRequiredService<ClusterPlacement>());
        services.AddSingleton<ClusterRouting>();
        services.AddSingleton<ActivationRebalancer>();
        services.AddHostedService<ClusterHostedService>();
        return silo;
    }

    /// <param name="services">The silo's services.</param>
    /// <param name="gateway">
    /// The gateway listener presents the silo's identity with the gateway port: that is the address
    /// clients derive from the membership row and expect in the handshake.
    /// </param>
    private static ConnectionManager CreateConnections(IServiceProvider services, bool gateway)
    {
        var siloOptions = services.GetRequiredService<IOptions<SiloOptions>>().Value;
        var local = services.GetRequiredService<LocalSiloDetails>();
        var identity = gateway ? local.Address with { Port = local.GatewayPort } : local.Address;
        return new ConnectionManager(
            services.GetRequiredService<IOptions<NetworkingOptions>>().Value,
            TransportIdentity.ForSilo(siloOptions.ClusterId, identity),
            services.GetRequiredService<GrainTypeRegistry>(),
            services.GetRequiredService<IGrainFactory>(),
            services.GetRequiredService<SiloRequestHandler>(),
            services.GetRequiredService<ILoggerFactory>());
    }
}
