using Commerce.GrainInterfaces.Streams;
using Commerce.Postgres.Streams;
using Commerce.Silo;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Streams;

namespace Commerce.Api.Hosting;

/// <summary>
/// The API as an Orleans client of a cluster on PostgreSQL: it finds the gateways in the ADO.NET membership table,
/// produces on the cluster's durable stream log, and fails a call that takes longer than
/// <see cref="ApiHostOptions.ResponseTimeout"/>.
/// </summary>
internal static class ClusterClientComposition
{
    public static WebApplicationBuilder UseCommerceClusterClient(this WebApplicationBuilder builder, ApiHostOptions host)
    {
        var postgres = host.Postgres ?? throw new InvalidOperationException("A cluster client needs the cluster's PostgreSQL connection string.");
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = ClusterIdentity.OrleansClusterId(host.ServiceId, host.ClusterId);
                o.ServiceId = host.ServiceId;
            });
            client.UseAdoNetClustering(o =>
            {
                o.Invariant = SiloComposition.PostgresInvariant;
                o.ConnectionString = postgres;
            });
            client.UseClusterTls(host.Tls);
            client.Services.AddSingleton<IClientConnectionRetryFilter, ClusterConnectRetry>();
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = host.ResponseTimeout);
            client.AddMemoryStreams(StreamProviderNames.Memory);
            // As the silos configure it: implicit subscriptions only (see SiloComposition).
            client.AddPostgresStreams(StreamProviderNames.Durable, postgres, o => builder.Configuration.GetSection("Streams").Bind(o),
                stream => stream.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly));
        });
        return builder;
    }
}
