using FluentAssertions;
using Xunit;

namespace Commerce.Runtime.Tests;

public sealed class GrainIdTests
{
    private static readonly GrainType Product = new("product");

    [Fact]
    public void Equal_type_and_key_are_equal_and_hash_alike()
    {
        var a = GrainId.Create(Product, "sku-1");
        var b = GrainId.Create(new GrainType("product"), "sku-1");

        a.Should().Be(b);
        a.GetHashCode().Should().Be(b.GetHashCode());
        (a == b).Should().BeTrue();
    }

    [Fact]
    public void The_same_key_under_two_grain_types_is_two_grains()
    {
        GrainId.Create(Product, "42").Should().NotBe(GrainId.Create(new GrainType("cart"), "42"));
    }

    [Fact]
    public void Guid_and_integer_keys_round_trip_through_their_canonical_form()
    {
        var guid = Guid.NewGuid();

        GrainId.Create(Product, guid).GetGuidKey().Should().Be(guid);
        GrainId.Create(Product, -7L).GetIntegerKey().Should().Be(-7);
        GrainId.Create(Product, 7L).Key.Should().Be("7");
    }

    [Fact]
    public void A_string_key_is_not_a_guid_key()
    {
        var reading = () => GrainId.Create(Product, "sku").GetGuidKey();

        reading.Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void Parse_reads_what_ToString_writes_even_when_the_key_has_slashes()
    {
        var id = GrainId.Create(Product, "a/b/c");

        GrainId.Parse(id.ToString()).Should().Be(id);
    }

    [Theory]
    [InlineData("")]
    [InlineData("no-slash")]
    [InlineData("/key-without-type")]
    public void Parse_rejects_malformed_ids(string text)
    {
        var parsing = () => GrainId.Parse(text);

        parsing.Should().Throw<FormatException>();
    }
}
