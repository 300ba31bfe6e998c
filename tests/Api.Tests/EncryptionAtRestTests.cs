using System.Net;
using System.Net.Http.Json;
using Commerce.Grains.Testing;
using Orleans.Runtime;
using FluentAssertions;
using Xunit;

namespace Commerce.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class EncryptionAtRestTests(ApiFactory api)
{
    [Fact]
    public async Task Stored_account_state_holds_no_plaintext_phone_address_token_or_password()
    {
        var (client, userId, email) = await api.CustomerAsync(phone: "+49 151 98765432");
        await client.PostAsJsonAsync("/me/addresses", new { label = "Home", recipient = "Ann Secret", line1 = "Geheimweg 42", city = "Hamburg", postalCode = "20095", country = "DE" });
        (await client.PostAsJsonAsync("/me/payment-methods", new { kind = "card", token = "tok_super_secret_777" })).StatusCode.Should().Be(HttpStatusCode.Created);

        var raw = await StoredGrainState.ReadJsonAsync(api.Services, "account", GrainId.Create("user", userId));

        raw.Should().NotBeNull("the account is stored");
        raw.Should().Contain(email, "non-sensitive fields stay readable");
        foreach (var secret in new[] { "98765432", "Geheimweg", "Ann Secret", "tok_super_secret_777", ApiFactory.Password })
            raw.Should().NotContain(secret);
        raw.Should().Contain("v1:", "sensitive fields are AES-GCM ciphertext");
    }
}
