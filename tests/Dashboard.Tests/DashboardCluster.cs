using Commerce.Testing.Infrastructure;
using Microsoft.Playwright;
using Xunit;

namespace Commerce.Dashboard.Tests;

/// <summary>
/// Shared by the tests of the collection: a throwaway PostgreSQL, two silo processes, the API as a cluster-client
/// process serving the dashboard, and a headless Chromium (Debian's, driven by Playwright).
/// </summary>
public sealed class DashboardCluster : IAsyncLifetime
{
    public const string Collection = "Dashboard";
    public const string AdminEmail = "admin@commerce.local";
    public const string AdminPassword = "dashboard-admin-password-123";
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly PostgresFixture _postgres = new();
    private readonly List<SiloProcess> _silos = [];
    private ApiProcess? _api;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public ApiProcess Api => _api ?? throw new InvalidOperationException("The cluster is not started.");

    public IReadOnlyList<SiloProcess> Silos => _silos;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser is not started.");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: apt-get install -y chromium (scripts/test.sh installs it).");
        await _postgres.InitializeAsync();
        var clusterId = $"dash{Guid.NewGuid():N}"[..12];
        var database = await _postgres.CreateDatabaseAsync(clusterId);
        var grains = typeof(Commerce.Cluster.TestGrains.ICounterGrain).Assembly.Location;
        // The first silo migrates the schema; the second joins it.
        _silos.Add(await SiloProcess.StartAsync("silo1", clusterId, database, grains));
        _silos.Add(await SiloProcess.StartAsync("silo2", clusterId, database, grains));
        _api = await ApiProcess.StartAsync(database, clusterId,
            $"--Auth:BootstrapAdmin:Password={AdminPassword}", "--RateLimiting:Enabled=false", "--Users:PasswordHashIterations=1000");

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        });
    }

    /// <summary>A fresh browser profile (no cookies) whose relative URLs go to the API.</summary>
    public Task<IBrowserContext> NewBrowserContextAsync() =>
        Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = Api.BaseAddress.ToString().TrimEnd('/') });

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        if (_api is not null) await _api.DisposeAsync();
        foreach (var silo in _silos) await silo.DisposeAsync();
        await _postgres.DisposeAsync();
    }
}

[CollectionDefinition(DashboardCluster.Collection)]
public sealed class DashboardCollection : ICollectionFixture<DashboardCluster>;
