using System.Security.Cryptography;
using Commerce.GrainInterfaces.Cart;
using Commerce.GrainInterfaces.Common;
using Commerce.GrainInterfaces.Orders;
using FluentAssertions;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Commerce.Grains.Tests;

/// <summary>The id, SKU and quantity rules and the grain-key formats the API and the grains share.</summary>
public sealed class IdentifierRulesTests
{
    [Theory]
    [InlineData("u-1")]
    [InlineData("ann@example.com")]
    [InlineData("CO-20260101-000001")]
    [InlineData("a_b.c")]
    public void Ids_of_letters_digits_and_a_few_marks_are_valid(string id)
    {
        Identifiers.IsValidId(id).Should().BeTrue();
        Identifiers.RequireId("orderId", id).Should().Be(id);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("a b")]
    [InlineData("user:42")]
    [InlineData("../etc")]
    [InlineData("ümlaut")]
    public void Other_ids_are_refused_naming_the_field(string? id)
    {
        Identifiers.TryValidateId("orderId", id, out var error).Should().BeFalse();
        error.Should().Be("'orderId' is 1 to 64 letters, digits, '-', '_', '.' or '@'.");

        var require = () => Identifiers.RequireId("orderId", id);

        require.Should().Throw<InvalidInputException>().Which.Field.Should().Be("orderId");
    }

    [Fact]
    public void An_id_has_at_most_64_characters()
    {
        Identifiers.IsValidId(new string('a', Identifiers.MaxIdLength)).Should().BeTrue();
        Identifiers.IsValidId(new string('a', Identifiers.MaxIdLength + 1)).Should().BeFalse();
    }

    [Theory]
    [InlineData("SKU-0001", true)]
    [InlineData("sku_1.v2", true)]
    [InlineData("a", true)]
    [InlineData("sku@1", false)]
    [InlineData("sku 1", false)]
    [InlineData(" ", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void A_sku_is_letters_digits_dashes_underscores_and_dots(string? sku, bool valid)
    {
        Identifiers.IsValidSku(sku).Should().Be(valid);
        Identifiers.TryValidateSku("items[0].sku", sku, out var error).Should().Be(valid);
        if (!valid) error.Should().StartWith("'items[0].sku' is a SKU of 1 to 64");
    }

    [Fact]
    public void A_sku_has_at_most_64_characters()
    {
        Identifiers.IsValidSku(new string('S', Identifiers.MaxSkuLength)).Should().BeTrue();
        var tooLong = () => Identifiers.RequireSku("sku", new string('S', Identifiers.MaxSkuLength + 1));

        tooLong.Should().Throw<InvalidInputException>().Which.Field.Should().Be("sku");
    }

    [Fact]
    public void A_list_of_skus_is_refused_under_the_lists_name_when_any_is_invalid()
    {
        Identifiers.RequireSkus("skus", ["a", "b"]).Should().Equal("a", "b");
        Identifiers.RequireSkus("skus", []).Should().BeEmpty();

        ((Action)(() => Identifiers.RequireSkus("skus", ["a", "b c"]))).Should().Throw<InvalidInputException>().Which.Field.Should().Be("skus");
        ((Action)(() => Identifiers.RequireSkus("skus", null))).Should().Throw<InvalidInputException>().Which.Field.Should().Be("skus");
    }

    [Theory]
    [InlineData("admin:ann", true)]
    [InlineData("k", true)]
    [InlineData("session with spaces", true)]
    [InlineData(" ", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void A_reference_between_grains_is_any_non_blank_text(string? value, bool valid)
    {
        Identifiers.IsValidReference(value).Should().Be(valid);
        if (!valid) ((Action)(() => Identifiers.RequireReference("actor", value))).Should().Throw<InvalidInputException>().Which.Field.Should().Be("actor");
    }

    [Fact]
    public void A_reference_has_at_most_128_characters()
    {
        Identifiers.RequireReference("orderId", new string('o', Identifiers.MaxReferenceLength)).Should().HaveLength(128);
        Identifiers.IsValidReference(new string('o', Identifiers.MaxReferenceLength + 1)).Should().BeFalse();
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(99, true)]
    [InlineData(0, false)]
    [InlineData(100, false)]
    [InlineData(int.MinValue, false)]
    public void A_quantity_is_within_its_bounds(int quantity, bool valid)
    {
        Quantities.IsInRange(quantity, 1, 99).Should().Be(valid);
        var require = () => Quantities.RequireInRange("items[2].quantity", quantity, 1, 99);

        if (valid) require().Should().Be(quantity);
        else require.Should().Throw<InvalidInputException>().Which.Should().Match<InvalidInputException>(e =>
            e.Field == "items[2].quantity" && e.Message == "'items[2].quantity' must be between 1 and 99.");
    }

    [Fact]
    public void Cart_keys_are_user_or_guest_prefixed_and_read_back()
    {
        CartKeys.ForUser("u-1").Should().Be("user:u-1");
        CartKeys.ForGuest("0123456789abcdef").Should().Be("guest:0123456789abcdef");

        CartKeys.IsUserCart("user:u-1", out var userId).Should().BeTrue();
        userId.Should().Be("u-1");
        CartKeys.IsUserCart("guest:s", out _).Should().BeFalse();
        CartKeys.IsGuestCart("guest:s").Should().BeTrue();
        CartKeys.IsValid("user:").Should().BeFalse();
        CartKeys.IsValid("guest:").Should().BeFalse();
        CartKeys.IsValid("nobody").Should().BeFalse();
        CartKeys.IsValid(null).Should().BeFalse();
    }

    [Theory]
    [InlineData("0123456789abcdef", true)]
    [InlineData("3f2504e0-4f89-11d3-9a0c-0305e82c3301", true)]
    [InlineData("short", false)]
    [InlineData("0123456789abcdef_", false)]
    [InlineData(null, false)]
    public void A_guest_session_from_a_client_is_16_to_64_letters_digits_or_dashes(string? session, bool valid)
    {
        CartKeys.IsValidGuestSession(session).Should().Be(valid);
        CartKeys.IsValidGuestSession(new string('a', CartKeys.MaxGuestSessionLength + 1)).Should().BeFalse();
    }

    [Fact]
    public void Checkout_keys_join_user_and_idempotency_key_and_split_at_the_first_colon()
    {
        var key = CheckoutKeys.For("ann", "key-1:retry");

        key.Should().Be("ann:key-1:retry");
        CheckoutKeys.TryParse(key, out var userId, out var idempotencyKey).Should().BeTrue();
        (userId, idempotencyKey).Should().Be(("ann", "key-1:retry"));
    }

    [Theory]
    [InlineData("ann")]
    [InlineData(":k")]
    [InlineData("ann:")]
    [InlineData("")]
    [InlineData(null)]
    public void A_checkout_key_without_both_parts_does_not_parse(string? key)
    {
        CheckoutKeys.TryParse(key, out var userId, out var idempotencyKey).Should().BeFalse();
        userId.Should().BeNull();
        idempotencyKey.Should().BeNull();
    }

    [Theory]
    [InlineData("abcdefgh", true)]
    [InlineData("3f2504e0-4f89_11d3", true)]
    [InlineData("short", false)]
    [InlineData("has space", false)]
    [InlineData("with:colon", false)]
    [InlineData(null, false)]
    public void An_idempotency_key_from_a_client_is_8_to_64_letters_digits_dashes_or_underscores(string? key, bool valid)
    {
        CheckoutKeys.IsValidIdempotencyKey(key).Should().Be(valid);
        CheckoutKeys.IsValidIdempotencyKey(new string('k', CheckoutKeys.MaxIdempotencyKeyLength + 1)).Should().BeFalse();
    }

    [Fact]
    public void Actors_are_named_user_or_admin_with_the_account_id()
    {
        ActorNames.User("42").Should().Be("user:42");
        ActorNames.Admin("ann").Should().Be("admin:ann");
        Identifiers.IsValidReference(ActorNames.Admin(new string('a', Identifiers.MaxIdLength))).Should().BeTrue("any edge id fits in an actor name");
    }

    [Fact]
    public void Sensitive_data_round_trips_and_tampering_is_detected()
    {
        var protector = new SensitiveDataProtector(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), NullLogger.Instance);

        var sealedValue = protector.Protect("+49 30 555000");
        var tampered = sealedValue[..^2] + (sealedValue[^2] == 'A' ? 'B' : 'A') + sealedValue[^1];

        sealedValue.Should().StartWith("v1:").And.NotContain("555000");
        protector.Unprotect(sealedValue).Should().Be("+49 30 555000");
        protector.ProtectOptional(null).Should().BeNull();
        ((Action)(() => protector.Unprotect(tampered))).Should().Throw<CryptographicException>();
        ((Action)(() => protector.Unprotect("plain"))).Should().Throw<CryptographicException>();
    }

    [Fact]
    public void Another_key_cannot_read_protected_data_and_a_short_key_is_refused()
    {
        var one = new SensitiveDataProtector(Convert.ToBase64String(new byte[32]), NullLogger.Instance);
        var development = new SensitiveDataProtector(null, NullLogger.Instance);

        ((Action)(() => development.Unprotect(one.Protect("secret")))).Should().Throw<CryptographicException>();
        ((Action)(() => _ = new SensitiveDataProtector(Convert.ToBase64String(new byte[16]), NullLogger.Instance))).Should().Throw<InvalidOperationException>();
    }
}
