using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Commerce.Testing.Infrastructure;
using FluentAssertions;
using Npgsql;
using Xunit;

namespace Commerce.Api.Tests;

/// <summary>
/// Several API processes behind a load balancer: two hosts on one database share the Data Protection
/// key ring in PostgreSQL, so a bearer token from one is accepted by the other; a host on another
/// database has another ring and rejects it. Each host gets a HOME of its own, so no ~/.aspnet key
/// directory is shared behind the test's back.
/// </summary>
[Collection(PostgresFixture.Collection)]
public sealed class SharedKeyRingTests(PostgresFixture postgres) : IAsyncLifetime
{
    private const string AdminPassword = "keyring-admin-password-123";

    private static readonly string s_encryptionKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private readonly List<IAsyncDisposable> _processes = [];
    private readonly List<string> _homes = [];
    private string _sharedDatabase = "";
    private ApiProcess? _first;
    private ApiProcess? _second;
    private ApiProcess? _elsewhere;

    public async Task InitializeAsync()
    {
        var grains = typeof(Commerce.Cluster.TestGrains.ICounterGrain).Assembly.Location;
        var (shared, sharedCluster) = await StartSiloAsync("shared", grains);
        _sharedDatabase = shared;
        _first = await StartApiAsync(shared, sharedCluster);
        _second = await StartApiAsync(shared, sharedCluster);
        var (other, otherCluster) = await StartSiloAsync("other", grains);
        _elsewhere = await StartApiAsync(other, otherCluster);
    }

    public async Task DisposeAsync()
    {
        for (var i = _processes.Count - 1; i >= 0; i--) await _processes[i].DisposeAsync();
        foreach (var home in _homes) Directory.Delete(home, recursive: true);
    }

    [Fact]
    public async Task A_token_issued_by_one_api_host_is_accepted_by_another_on_the_same_database()
    {
        var token = await RegisterAndSignInAsync(_first!);

        (await MeAsync(_second!, token)).Should().Be(HttpStatusCode.OK);
        (await MeAsync(_first!, token)).Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_token_is_rejected_by_an_api_host_on_another_database()
    {
        var token = await RegisterAndSignInAsync(_first!);

        (await MeAsync(_elsewhere!, token)).Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_key_ring_is_stored_in_postgres_with_its_key_material_encrypted()
    {
        await RegisterAndSignInAsync(_second!);

        await using var data = NpgsqlDataSource.Create(_sharedDatabase);
        await using var command = data.CreateCommand("SELECT xml FROM data_protection_keys");
        var rows = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
        }

        rows.Should().NotBeEmpty().And.OnlyContain(xml => xml.Contains("<sensitiveDataProtected") && !xml.Contains("<masterKey"),
            "key material is encrypted with Users:EncryptionKey before it reaches the table");
    }

    private async Task<(string ConnectionString, string ClusterId)> StartSiloAsync(string prefix, string grains)
    {
        var clusterId = $"kr{Guid.NewGuid():N}"[..12];
        var connectionString = await postgres.CreateDatabaseAsync(prefix);
        _processes.Add(await SiloProcess.StartAsync($"{prefix}-silo", clusterId, connectionString, grains));
        return (connectionString, clusterId);
    }

    private async Task<ApiProcess> StartApiAsync(string connectionString, string clusterId)
    {
        var home = Directory.CreateTempSubdirectory("api-home-").FullName;
        _homes.Add(home);
        var api = await ApiProcess.StartAsync(connectionString, clusterId, new Dictionary<string, string> { ["HOME"] = home },
            $"--Auth:BootstrapAdmin:Password={AdminPassword}", "--RateLimiting:Enabled=false", "--Users:PasswordHashIterations=1000",
            $"--Users:EncryptionKey={s_encryptionKey}");
        _processes.Add(api);
        return api;
    }

    private static async Task<string> RegisterAndSignInAsync(ApiProcess api)
    {
        var client = api.CreateClient();
        var email = $"kr{Guid.NewGuid():N}@example.com";
        (await client.PostAsJsonAsync("/auth/register", new { email, password = ApiFactory.Password, displayName = "Kim" })).EnsureSuccessStatusCode();
        var login = await client.PostAsJsonAsync("/auth/login", new { email, password = ApiFactory.Password });
        login.EnsureSuccessStatusCode();
        return (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    private static async Task<HttpStatusCode> MeAsync(ApiProcess api, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (await api.CreateClient().SendAsync(request)).StatusCode;
    }
}
