using System.Text.Json;
using Commerce.Runtime;
using Commerce.Runtime.Serialization;
using Commerce.Runtime.Tests.Grains;
using Commerce.Runtime.Tests.Networking;
using FluentAssertions;
using Xunit;

namespace Commerce.Runtime.Tests.Serialization;

public sealed class WireCodecTests
{
    public enum ByteEnum : byte
    {
        A = 1,
        B = 255,
    }

    public enum LongEnum : long
    {
        Min = long.MinValue,
        Max = long.MaxValue,
    }

    public enum ULongEnum : ulong
    {
        Big = ulong.MaxValue,
    }

    [Flags]
    public enum Permissions
    {
        None = 0,
        Read = 1,
        Write = 2,
    }

    [Fact]
    public void Integers_round_trip_at_their_extremes()
    {
        foreach (var value in new[] { 0, 1, -1, 63, -64, 64, int.MaxValue, int.MinValue }) RoundTrip(value).Should().Be(value);
        foreach (var value in new[] { 0L, -1L, long.MaxValue, long.MinValue }) RoundTrip(value).Should().Be(value);
        foreach (var value in new short[] { 0, short.MinValue, short.MaxValue }) RoundTrip(value).Should().Be(value);
        foreach (var value in new ushort[] { 0, ushort.MaxValue }) RoundTrip(value).Should().Be(value);
        foreach (var value in new[] { 0u, uint.MaxValue }) RoundTrip(value).Should().Be(value);
        foreach (var value in new[] { 0ul, ulong.MaxValue }) RoundTrip(value).Should().Be(value);
        foreach (var value in new byte[] { 0, 255 }) RoundTrip(value).Should().Be(value);
        foreach (var value in new sbyte[] { sbyte.MinValue, sbyte.MaxValue }) RoundTrip(value).Should().Be(value);
        RoundTrip('€').Should().Be('€');
    }

    [Fact]
    public void Small_integers_take_one_byte()
    {
        Encode(5).Should().HaveCount(1);
        Encode(-5).Should().HaveCount(1);
        Encode(5L).Should().HaveCount(1);
    }

    [Fact]
    public void Booleans_and_floating_point_round_trip()
    {
        RoundTrip(true).Should().BeTrue();
        RoundTrip(false).Should().BeFalse();
        RoundTrip(3.25f).Should().Be(3.25f);
        RoundTrip(double.NaN).Should().Be(double.NaN);
        RoundTrip(-0.1).Should().Be(-0.1);
        RoundTrip(double.MaxValue).Should().Be(double.MaxValue);
        RoundTrip(79228162514264337593543950335m).Should().Be(decimal.MaxValue);
        RoundTrip(-12.3400m).ToString(System.Globalization.CultureInfo.InvariantCulture).Should().Be("-12.3400");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("sku-1")]
    [InlineData("grüße, 你好, 😀")]
    [InlineData("a string long enough that its UTF-8 length prefix no longer fits the short-string fast path of the writer")]
    public void Strings_round_trip_including_null_and_empty(string? value) => RoundTrip(value).Should().Be(value);

    [Fact]
    public void A_string_of_several_kilobytes_round_trips()
    {
        var value = string.Concat(Enumerable.Repeat("ü€x", 3000));
        RoundTrip(value).Should().Be(value);
    }

    [Fact]
    public void Identities_and_times_round_trip()
    {
        var guid = Guid.NewGuid();
        RoundTrip(guid).Should().Be(guid);
        var utc = new DateTime(2026, 11, 22, 10, 30, 0, 123, DateTimeKind.Utc);
        RoundTrip(utc).Should().Be(utc);
        RoundTrip(utc).Kind.Should().Be(DateTimeKind.Utc);
        var unspecified = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Unspecified);
        RoundTrip(unspecified).Kind.Should().Be(DateTimeKind.Unspecified);
        var offset = new DateTimeOffset(2026, 11, 22, 10, 30, 0, TimeSpan.FromHours(-5.5));
        RoundTrip(offset).Should().Be(offset);
        RoundTrip(offset).Offset.Should().Be(TimeSpan.FromHours(-5.5));
        RoundTrip(TimeSpan.FromMilliseconds(-1234.5)).Should().Be(TimeSpan.FromMilliseconds(-1234.5));
        RoundTrip(TimeSpan.MaxValue).Should().Be(TimeSpan.MaxValue);
    }

    [Fact]
    public void Enums_of_every_underlying_size_round_trip()
    {
        RoundTrip(ByteEnum.B).Should().Be(ByteEnum.B);
        RoundTrip(Shade.Dark).Should().Be(Shade.Dark);
        RoundTrip(Permissions.Read | Permissions.Write).Should().Be(Permissions.Read | Permissions.Write);
        RoundTrip(LongEnum.Min).Should().Be(LongEnum.Min);
        RoundTrip(LongEnum.Max).Should().Be(LongEnum.Max);
        RoundTrip(ULongEnum.Big).Should().Be(ULongEnum.Big);
        Encode(Permissions.Write).Should().HaveCount(1);
    }

    [Fact]
    public void Nullables_round_trip_with_and_without_a_value()
    {
        RoundTrip<int?>(null).Should().BeNull();
        RoundTrip<int?>(-7).Should().Be(-7);
        RoundTrip<Guid?>(null).Should().BeNull();
        RoundTrip<DateTimeOffset?>(DateTimeOffset.UnixEpoch).Should().Be(DateTimeOffset.UnixEpoch);
        RoundTrip<Shade?>(Shade.Light).Should().Be(Shade.Light);
        RoundTrip<Shade?>(null).Should().BeNull();
        RoundTrip<decimal?>(1.5m).Should().Be(1.5m);
    }

    [Fact]
    public void Byte_arrays_round_trip_including_null_and_empty()
    {
        RoundTrip<byte[]?>(null).Should().BeNull();
        RoundTrip<byte[]?>([]).Should().BeEmpty();
        RoundTrip<byte[]?>([1, 2, 3, 255]).Should().Equal(1, 2, 3, 255);
    }

    [Fact]
    public void Void_results_take_no_bytes()
    {
        Encode(default(VoidResult)).Should().BeEmpty();
        RoundTrip(default(VoidResult)).Should().Be(default(VoidResult));
    }

    [Fact]
    public void Grain_ids_round_trip_including_the_default()
    {
        var grainId = GrainId.Create(new GrainType("cart"), "user-42");
        RoundTrip(grainId).Should().Be(grainId);
        RoundTrip(default(GrainId)).IsDefault.Should().BeTrue();
    }

    [Fact]
    public void Decoded_grain_ids_share_the_interned_grain_type()
    {
        var grainId = GrainId.Create(new GrainType("inventory"), "sku-1");
        using var writer = new WireArgumentWriter();
        writer.Write(grainId);
        writer.Write(grainId);
        using var reader = new WireArgumentReader();
        reader.Reset(writer.WrittenMemory);
        var first = reader.Read<GrainId>();
        var second = reader.Read<GrainId>();
        ReferenceEquals(first.Type.Value, second.Type.Value).Should().BeTrue();
        ReferenceEquals(first.Type.Value, grainId.Type.Value).Should().BeTrue();
    }

    [Fact]
    public void Records_with_nested_collections_travel_as_json()
    {
        var basket = new Basket(
            "ann",
            [new BasketLine("sku-1", 2, 9.99m, ["red", "sale"]), new BasketLine("sku-2", 1, 100m, [])],
            new Dictionary<string, decimal> { ["subtotal"] = 119.98m, ["tax"] = 12m },
            new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero));

        var copy = RoundTrip(basket);

        copy.Should().BeEquivalentTo(basket);
        copy.Lines[0].Tags.Should().Equal("red", "sale");
    }

    [Fact]
    public void Collections_of_records_travel_as_json()
    {
        var lines = new List<BasketLine> { new("a", 1, 1m, ["x"]), new("b", 2, 2m, []) };
        RoundTrip(lines).Should().BeEquivalentTo(lines);
        RoundTrip<IReadOnlyDictionary<string, int[]>>(new Dictionary<string, int[]> { ["k"] = [1, 2] })["k"].Should().Equal(1, 2);
        RoundTrip<BasketLine?>(null).Should().BeNull();
    }

    [Fact]
    public void Values_declared_as_object_keep_common_types_and_arrive_as_json_otherwise()
    {
        RoundTrip<object?>(null).Should().BeNull();
        RoundTrip<object?>("text").Should().Be("text");
        RoundTrip<object?>(42).Should().Be(42);
        RoundTrip<object?>(42L).Should().Be(42L);
        RoundTrip<object?>(true).Should().Be(true);
        RoundTrip<object?>(2.5).Should().Be(2.5);
        RoundTrip<object?>(1.25m).Should().Be(1.25m);
        var guid = Guid.NewGuid();
        RoundTrip<object?>(guid).Should().Be(guid);
        var json = RoundTrip<object?>(new BasketLine("sku", 3, 1m, [])).Should().BeOfType<JsonElement>().Subject;
        json.GetProperty("sku").GetString().Should().Be("sku");
        json.GetProperty("quantity").GetInt32().Should().Be(3);
    }

    [Fact]
    public void Grain_references_travel_as_their_id_and_come_back_as_references_of_the_declared_interface()
    {
        var factory = TestGrainFactory.Create(TestServer.Registry, new NoRuntime());
        var echo = factory.GetGrain<IEchoGrain>("e1");

        var typed = RoundTrip(echo, factory);
        var untyped = RoundTrip<GrainReference>((GrainReference)echo, factory);
        var addressable = RoundTrip<IAddressable>(echo, factory);

        typed.Should().BeAssignableTo<IEchoGrain>().And.Be(echo);
        untyped.Should().BeAssignableTo<IEchoGrain>().And.Be(echo);
        addressable.Should().BeAssignableTo<IEchoGrain>();
        addressable.GetGrainId().Should().Be(echo.GetGrainId());
        RoundTrip<IEchoGrain?>(null, factory).Should().BeNull();
    }

    [Fact]
    public void Several_values_read_back_in_order_and_consume_the_message_exactly()
    {
        using var writer = new WireArgumentWriter();
        writer.Write(7);
        writer.Write<string?>("seven");
        writer.Write(new BasketLine("s", 1, 1m, []));
        writer.Write(Shade.Dark);
        using var reader = new WireArgumentReader();
        reader.Reset(writer.WrittenMemory);

        reader.Read<int>().Should().Be(7);
        reader.Read<string?>().Should().Be("seven");
        reader.Read<BasketLine>().Sku.Should().Be("s");
        reader.Read<Shade>().Should().Be(Shade.Dark);
        reader.Remaining.Should().Be(0);
    }

    [Fact]
    public void A_truncated_message_fails_with_a_wire_format_exception()
    {
        var bytes = Encode("a string that will be cut short");
        using var reader = new WireArgumentReader();
        reader.Reset(bytes.AsMemory(0, bytes.Length - 3));

        FluentActions.Invoking(() => reader.Read<string>()).Should().Throw<WireFormatException>();
    }

    [Fact]
    public void A_variable_length_integer_longer_than_ten_bytes_is_malformed()
    {
        using var reader = new WireArgumentReader();
        reader.Reset(Enumerable.Repeat((byte)0xFF, 11).ToArray());

        FluentActions.Invoking(() => reader.Read<long>()).Should().Throw<WireFormatException>();
    }

    [Fact]
    public void A_length_beyond_the_message_is_malformed_not_an_allocation()
    {
        using var writer = new WireArgumentWriter();
        writer.WriteVarUInt64(int.MaxValue);
        using var reader = new WireArgumentReader();
        reader.Reset(writer.WrittenMemory);

        FluentActions.Invoking(() => reader.Read<byte[]>()).Should().Throw<WireFormatException>();
    }

    [Fact]
    public void Malformed_json_fails_with_a_wire_format_exception()
    {
        using var writer = new WireArgumentWriter();
        writer.WriteFixedInt32(5);
        writer.WriteRaw("{oops"u8);
        using var reader = new WireArgumentReader();
        reader.Reset(writer.WrittenMemory);

        FluentActions.Invoking(() => reader.Read<BasketLine>()).Should().Throw<WireFormatException>();
    }

    [Fact]
    public void A_writer_is_reusable_after_reset_and_grows_for_large_values()
    {
        using var writer = new WireArgumentWriter(16);
        var large = new string('x', 100_000);
        writer.Write(large);
        writer.WrittenCount.Should().BeGreaterThan(100_000);
        writer.Reset();
        writer.Write(1);
        writer.WrittenCount.Should().Be(1);
    }

    internal static T RoundTrip<T>(T value, IGrainFactory? factory = null)
    {
        using var writer = new WireArgumentWriter();
        writer.Write(value);
        using var reader = new WireArgumentReader(factory, TestServer.Registry);
        reader.Reset(writer.WrittenMemory);
        var copy = reader.Read<T>();
        reader.Remaining.Should().Be(0, "a reader consumes exactly what the writer wrote");
        return copy;
    }

    private static byte[] Encode<T>(T value)
    {
        using var writer = new WireArgumentWriter();
        writer.Write(value);
        return writer.WrittenSpan.ToArray();
    }

    private sealed class NoRuntime : IGrainReferenceRuntime
    {
        public IGrainFactory GrainFactory => throw new NotSupportedException();

        public bool HasOutgoingFilters => false;

        public void Send(GrainReference target, Request request) => throw new NotSupportedException();

        public Task<object?> InvokeWithOutgoingFiltersAsync(GrainReference target, Request request) => throw new NotSupportedException();
    }
}
