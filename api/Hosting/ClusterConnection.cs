using Commerce.Runtime;
using Commerce.Runtime.Client;
using Commerce.Runtime.Configuration;
using Commerce.Runtime.Postgres;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Commerce.Api.Hosting;

/// <summary>
/// The API's connection to a cluster: connects before the server starts accepting requests (a hosted
/// service registered ahead of it) and disconnects at shutdown.
/// </summary>
internal sealed class ClusterConnection(IOptions<ApiHostOptions> options, ILoggerFactory loggers) : IHostedService, IAsyncDisposable
{
    private NpgsqlDataSource? _dataSource;
    private ClusterClient? _client;

    public IClusterClient Client => _client ?? throw new SiloUnavailableException("The API is not connected to the cluster yet.");

    public bool IsConnected => _client is { View.ActiveSilos.IsEmpty: false };

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var host = options.Value;
        _dataSource = NpgsqlDataSource.Create(host.Postgres!);
        _client = await ClusterClient.ConnectAsync(
            new ClusterClientOptions { ClusterId = host.ClusterId, ClusterSecret = host.ClusterSecret },
            new PostgresMembershipTable(_dataSource, host.ClusterId),
            new MessagingOptions { ResponseTimeout = host.ResponseTimeout },
            loggers,
            cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_client is not null) await _client.DisposeAsync();
        if (_dataSource is not null) await _dataSource.DisposeAsync();
    }
}
