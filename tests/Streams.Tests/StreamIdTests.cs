using FluentAssertions;

namespace Commerce.Runtime.Streams.Tests;

public sealed class StreamIdTests
{
    [Fact]
    public void Stream_ids_with_the_same_namespace_and_key_are_equal()
    {
        var a = new StreamId("behaviour", "user-42");
        var b = StreamId.Create("behaviour", new string("user-42".AsSpan()));

        (a == b).Should().BeTrue();
        a.Equals((object)b).Should().BeTrue();
        a.GetHashCode().Should().Be(b.GetHashCode());
        (a != new StreamId("behaviour", "user-43")).Should().BeTrue();
        (a != new StreamId("orders", "user-42")).Should().BeTrue();
    }

    [Fact]
    public void A_stream_id_reads_as_namespace_slash_key_and_parses_back()
    {
        var id = new StreamId("behaviour", "user/42");

        id.ToString().Should().Be("behaviour/user/42");
        StreamId.Parse(id.ToString()).Should().Be(id);
        StreamId.Create("orders", Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e")).Key.Should().Be("0f8fad5bd9cb469fa16570867728950e");
    }

    [Fact]
    public void The_default_stream_id_names_no_stream()
    {
        default(StreamId).IsDefault.Should().BeTrue();
        new StreamId("behaviour", "").IsDefault.Should().BeFalse();
    }

    [Theory]
    [InlineData("", "key")]
    [InlineData("beha/viour", "key")]
    [InlineData("behaviour\n", "key")]
    [InlineData("behaviour", "user\u000042")]
    [InlineData("behaviour", "user\u007f")]
    public void A_stream_id_with_an_empty_or_slashed_namespace_or_control_characters_is_refused(string @namespace, string key)
    {
        var create = () => new StreamId(@namespace, key);

        create.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void A_stream_id_with_a_lone_surrogate_is_refused()
    {
        // Built in code: a test framework may replace a lone surrogate in attribute data.
        var lone = "lone " + (char)0xD800 + " surrogate";

        FluentActions.Invoking(() => new StreamId("behaviour", lone)).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => new StreamId(lone, "key")).Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Keys_may_hold_any_printable_text()
    {
        var id = new StreamId("behaviour", "été 北京 🛒");

        id.Key.Should().Be("été 北京 🛒");
    }
}
