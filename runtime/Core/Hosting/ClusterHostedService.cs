using System.Net;
using Commerce.Runtime.Catalog;
using Commerce.Runtime.Configuration;
using Commerce.Runtime.Membership;
using Commerce.Runtime.Networking;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Commerce.Runtime.Hosting;

/// <summary>
/// A clustered silo's life: listen, join (Joining, then Active once every active silo answered),
/// serve; on shutdown, announce the leave (ShuttingDown) so others stop routing here, hand every
/// activation over, then leave (Dead). A silo the others declared dead terminates at once: it may
/// no longer own anything, and running on would risk a second activation of its grains.
/// </summary>
internal sealed class ClusterHostedService(
    IServiceProvider services,
    GrainRuntime runtime,
    MembershipService membership,
    LocalSiloDetails local,
    ActivationRebalancer rebalancer,
    IOptions<EndpointOptions> endpoints,
    IOptions<GrainCollectionOptions> collection,
    ILogger<ClusterHostedService> logger) : IHostedService
{
    public const string SiloListener = "silo";
    public const string GatewayListener = "gateway";

    private ConnectionManager Silos => services.GetRequiredKeyedService<ConnectionManager>(SiloListener);

    private ConnectionManager Gateway => services.GetRequiredKeyedService<ConnectionManager>(GatewayListener);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var options = endpoints.Value;
        Silos.StartListening(new IPEndPoint(options.ListenAddress, options.SiloPort));
        if (options.GatewayPort != 0 && options.GatewayPort != options.SiloPort) Gateway.StartListening(new IPEndPoint(options.ListenAddress, options.GatewayPort));
        membership.DeclaredDead += OnDeclaredDead;
        GC.KeepAlive(rebalancer);
        await membership.JoinAsync(local.Address, local.SiloName, options.GatewayPort == 0 ? options.SiloPort : options.GatewayPort, cancellationToken);
        logger.LogInformation("Silo {Silo} is active in view {View}", local.Address, membership.CurrentView);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            // ShuttingDown: others route elsewhere, and this silo's own view no longer places grains
            // here, so the rebalancer hands every activation over; requests still arriving are forwarded.
            await membership.BeginLeaveAsync(cancellationToken);
            var reason = new DeactivationReason(DeactivationReasonCode.ShuttingDown, "The silo is leaving the cluster.");
            await runtime.Catalog.DeactivateAllAsync(reason, collection.Value.ShutdownTimeout, cancellationToken);
            await membership.LeaveAsync(cancellationToken);
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Leaving the cluster gracefully failed; the others will declare this silo dead");
        }
        finally
        {
            await Gateway.DisposeAsync();
            await Silos.DisposeAsync();
        }
    }

    private void OnDeclaredDead()
    {
        logger.LogCritical("Silo {Silo} was declared dead by the cluster; terminating", local.Address);
        Environment.FailFast($"Silo {local.Address} was declared dead by the cluster.");
    }
}
