using System.Security.Cryptography;
using Commerce.GrainInterfaces.Common;
using Commerce.GrainInterfaces.Users;
using Orleans;
using Microsoft.Extensions.Options;

namespace Commerce.Api.Security;

/// <summary>
/// Creates the initial admin from configuration when no account holds its e-mail yet. Several API
/// instances may race: the e-mail directory grain lets exactly one win.
/// </summary>
internal sealed class StaffBootstrapService(IServiceProvider services, IOptions<AuthOptions> options, bool embedded, ILogger<StaffBootstrapService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var admin = options.Value.BootstrapAdmin;
        var password = admin.Password;
        if (password is null && !embedded) return;
        var grains = services.GetRequiredService<IGrainFactory>();
        if (await grains.GetGrain<IUserDirectoryGrain>(UserEmail.Normalize(admin.Email)).GetUserIdAsync() is not null) return;

        var generated = password is null;
        password ??= Convert.ToBase64String(RandomNumberGenerator.GetBytes(18));
        try
        {
            var userId = $"staff-{Guid.NewGuid():N}";
            await grains.GetGrain<IUserGrain>(userId).RegisterAsync(new UserRegistration(admin.Email, password, "Administrator", null, [UserRoles.Admin]));
            if (generated) Console.WriteLine($"Bootstrap admin {admin.Email} created with password {password} (set Auth:BootstrapAdmin:Password to choose one).");
            else logger.LogInformation("Bootstrap admin {Email} created", admin.Email);
        }
        catch (ConflictException)
        {
            // Another API instance created it first.
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
