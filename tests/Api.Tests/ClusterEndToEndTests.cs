using System.Net;
using System.Net.Http.Json;
using Commerce.Testing.Infrastructure;
using FluentAssertions;
using Npgsql;
using Xunit;

namespace Commerce.Api.Tests;

/// <summary>
/// The API as a separate process, a cluster client of two real silo processes over a real PostgreSQL:
/// the whole journey, and the read models (audit log, user listing) landing in PostgreSQL tables.
/// </summary>
[Collection(PostgresFixture.Collection)]
public sealed class ClusterEndToEndTests(PostgresFixture postgres) : IAsyncLifetime
{
    private const string AdminPassword = "e2e-admin-password-123";

    private readonly List<SiloProcess> _silos = [];
    private ApiProcess? _api;
    private string _connectionString = "";

    public async Task InitializeAsync()
    {
        var clusterId = $"api{Guid.NewGuid():N}"[..12];
        _connectionString = await postgres.CreateDatabaseAsync(clusterId);
        var grains = typeof(Commerce.Cluster.TestGrains.ICounterGrain).Assembly.Location;
        // The first silo migrates the schema; the second joins it.
        _silos.Add(await SiloProcess.StartAsync("silo1", clusterId, _connectionString, grains));
        _silos.Add(await SiloProcess.StartAsync("silo2", clusterId, _connectionString, grains));
        _api = await ApiProcess.StartAsync(_connectionString, clusterId,
            $"--Auth:BootstrapAdmin:Password={AdminPassword}", "--RateLimiting:Enabled=false", "--Users:PasswordHashIterations=1000");
    }

    public async Task DisposeAsync()
    {
        if (_api is not null) await _api.DisposeAsync();
        foreach (var silo in _silos) await silo.DisposeAsync();
    }

    [Fact]
    public async Task The_whole_journey_runs_through_the_api_process_on_a_two_silo_cluster()
    {
        var journey = new StorefrontJourney(_api!.CreateClient, "admin@commerce.local", AdminPassword);

        await journey.RunAsync();

        await using var data = NpgsqlDataSource.Create(_connectionString);
        await using var audit = data.CreateCommand("SELECT count(*) FROM audit_log WHERE action = 'ShipOrder' AND outcome = 'succeeded'");
        ((long)(await audit.ExecuteScalarAsync())!).Should().Be(1);
    }

    [Fact]
    public async Task Readiness_users_and_audit_work_over_postgres_and_the_audit_log_refuses_rewrites()
    {
        var client = _api!.CreateClient();
        (await client.GetStringAsync("/health/ready")).Should().Be("Healthy");
        var journey = new StorefrontJourney(_api.CreateClient, "admin@commerce.local", AdminPassword);
        var admin = await journey.SignInAsync("admin@commerce.local", AdminPassword);
        var email = $"pg{Guid.NewGuid():N}@example.com";
        var created = await (await client.PostAsJsonAsync("/auth/register", new { email, password = ApiFactory.Password, displayName = "Pat", phone = "+49 89 7654321" }))
            .ShouldBeAsync(HttpStatusCode.Created);
        var userId = created.GetProperty("userId").GetString();

        await (await admin.PostAsync($"/admin/users/{userId}/disable", null)).ShouldBeAsync(HttpStatusCode.OK);

        var users = await (await admin.GetAsync($"/admin/users?email={email}")).ShouldBeAsync(HttpStatusCode.OK);
        users.GetProperty("items")[0].GetProperty("status").GetString().Should().Be("disabled");
        await using var data = NpgsqlDataSource.Create(_connectionString);
        await using (var stored = data.CreateCommand("SELECT convert_from(payload, 'UTF8') FROM orleans_grain_state WHERE grain_type = 'account' AND position($1 in convert_from(payload, 'UTF8')) > 0"))
        {
            // Orleans' ADO.NET storage keys a user id that parses as a Guid by its numeric parts, not as text: find the row by its content.
            stored.Parameters.Add(new NpgsqlParameter<string> { TypedValue = email });
            var payload = (string)(await stored.ExecuteScalarAsync())!;
            payload.Should().Contain(email).And.NotContain("7654321", "the phone is encrypted at rest");
        }

        await using var rewrite = data.CreateCommand("UPDATE audit_log SET outcome = 'succeeded'");
        var refused = async () => await rewrite.ExecuteNonQueryAsync();
        (await refused.Should().ThrowAsync<PostgresException>()).Which.MessageText.Should().Contain("append-only");
        await using var delete = data.CreateCommand("DELETE FROM audit_log");
        await delete.Awaiting(d => d.ExecuteNonQueryAsync()).Should().ThrowAsync<PostgresException>();
    }
}
