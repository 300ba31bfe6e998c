using Commerce.GrainInterfaces.Common;
using Commerce.GrainInterfaces.Users;
using Commerce.Grains;
using Commerce.Grains.Users;
using Commerce.Grains.Testing;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Commerce.Api.Tests;

/// <summary>The user grains on an in-process silo, without HTTP.</summary>
public sealed class UserGrainTests
{
    private static Task<CommerceTestCluster> StartAsync() =>
        CommerceTestCluster.StartAsync(configureServices: services => services.Configure<UserOptions>(o => o.PasswordHashIterations = 1000));

    [Fact]
    public async Task A_refused_update_leaves_the_profile_as_it_was()
    {
        await using var cluster = await StartAsync();
        var user = cluster.GrainFactory.GetGrain<IUserGrain>("u1");
        await user.RegisterAsync(new UserRegistration("ann@example.com", "long-enough-password", "Ann", "+49 30 1234567", []));

        var refused = () => user.UpdateProfileAsync(new ProfileUpdate("Changed", "<script>"));

        (await refused.Should().ThrowAsync<InvalidInputException>()).Which.Field.Should().Be("phone");
        (await user.GetProfileAsync()).DisplayName.Should().Be("Ann");
    }

    [Fact]
    public async Task Two_accounts_racing_for_one_email_get_it_once()
    {
        await using var cluster = await StartAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            try
            {
                await cluster.GrainFactory.GetGrain<IUserGrain>($"racer{i}").RegisterAsync(new UserRegistration("Race@Example.com", "long-enough-password", "R", null, []));
                return true;
            }
            catch (ConflictException e) when (e.Code == "email-taken")
            {
                return false;
            }
        }));

        results.Count(won => won).Should().Be(1);
    }

    [Fact]
    public async Task Erasure_releases_the_email_and_refuses_sign_in()
    {
        await using var cluster = await StartAsync();
        var user = cluster.GrainFactory.GetGrain<IUserGrain>("u2");
        await user.RegisterAsync(new UserRegistration("bob@example.com", "long-enough-password", "Bob", null, []));

        await user.EraseAsync();

        (await user.VerifyPasswordAsync("long-enough-password")).Should().BeNull();
        (await cluster.GrainFactory.GetGrain<IUserDirectoryGrain>("bob@example.com").GetUserIdAsync()).Should().BeNull();
        (await user.GetProfileAsync()).Status.Should().Be(UserStatus.Erased);
    }
}
