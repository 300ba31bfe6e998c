using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Commerce.Api;
using Commerce.Testing.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Commerce.Api.Tests;

/// <summary>
/// The API in this process on its embedded silo, with cheap password hashing, no rate limits unless
/// a test asks, and a known bootstrap admin.
/// </summary>
public class ApiFactory : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@commerce.local";
    public const string AdminPassword = "admin-password-for-tests";
    public const string Password = "correct-horse-battery";

    public static readonly JsonSerializerOptions Json = CreateJson();

    private readonly Dictionary<string, string?> _settings = new()
    {
        ["Users:PasswordHashIterations"] = "1000",
        ["Auth:BootstrapAdmin:Password"] = AdminPassword,
        ["RateLimiting:Enabled"] = "false",
        // Each factory's embedded silo listens on a port of its own: test classes run in parallel.
        ["Cluster:EmbeddedSiloPort"] = FreePorts.Take().ToString(),
    };

    public ApiFactory WithSetting(string key, string value)
    {
        _settings[key] = value;
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
    }

    public async Task<HttpClient> AdminAsync() => await SignInAsync(AdminEmail, AdminPassword);

    /// <summary>Registers a fresh customer and returns a client signed in as them, and their user id.</summary>
    public async Task<(HttpClient Client, string UserId, string Email)> CustomerAsync(string? phone = null)
    {
        var email = $"c{Guid.NewGuid():N}@example.com";
        var anonymous = CreateClient();
        var response = await anonymous.PostAsJsonAsync("/auth/register", new { email, password = Password, displayName = "Ann Customer", phone });
        response.EnsureSuccessStatusCode();
        var profile = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (await SignInAsync(email, Password), profile.GetProperty("userId").GetString()!, email);
    }

    /// <summary>A staff member with the given roles, created by the admin.</summary>
    public async Task<HttpClient> StaffAsync(params string[] roles)
    {
        var admin = await AdminAsync();
        var email = $"s{Guid.NewGuid():N}@commerce.local";
        var response = await admin.PostAsJsonAsync("/admin/users", new { email, password = Password, displayName = "Staff", roles });
        response.EnsureSuccessStatusCode();
        return await SignInAsync(email, Password);
    }

    public async Task<HttpClient> SignInAsync(string email, string password)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(email, password));
        return client;
    }

    public async Task<string> TokenAsync(string email, string password)
    {
        var response = await CreateClient().PostAsJsonAsync("/auth/login", new { email, password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    private static JsonSerializerOptions CreateJson()
    {
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        json.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        return json;
    }
}
