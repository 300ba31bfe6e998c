using Commerce.Grains.Orders;
using Commerce.Grains.Payments.Gateway;
using Commerce.Grains.Users;
using FluentAssertions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace Commerce.Grains.Tests;

public sealed class GrainConfigurationTests
{
    [Fact]
    public void Grain_options_bind_to_their_area_sections_so_silos_share_the_api_secrets_and_keys()
    {
        var key = Convert.ToBase64String(new byte[32]);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["PaymentCallbacks:Secret"] = "configured-payment-secret",
            ["Orders:MaxLines"] = "7",
            ["Users:EncryptionKey"] = key,
        }).Build();
        using var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging().AddCommerceGrains().BuildServiceProvider();

        services.GetRequiredService<IOptions<PaymentCallbackOptions>>().Value.Secret.Should().Be("configured-payment-secret");
        services.GetRequiredService<IOptions<OrderOptions>>().Value.MaxLines.Should().Be(7);
        services.GetRequiredService<IOptions<UserOptions>>().Value.EncryptionKey.Should().Be(key);
    }
}
