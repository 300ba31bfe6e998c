using Commerce.Runtime;
using Commerce.Runtime.Serialization;
using Commerce.Runtime.Tests.Grains;
using FluentAssertions;
using Xunit;

namespace Commerce.Runtime.Tests.Serialization;

public sealed class WireExceptionCodecTests
{
    [Fact]
    public void A_loaded_exception_type_comes_back_as_itself_with_its_message_and_the_remote_stack()
    {
        var copy = RoundTrip(Thrown(() => throw new ProbeException("out of stock")));

        copy.Should().BeOfType<ProbeException>().Which.Message.Should().Be("out of stock");
        copy.StackTrace.Should().Contain(nameof(Thrown));
    }

    [Fact]
    public void Framework_exceptions_come_back_as_themselves()
    {
        RoundTrip(new InvalidOperationException("bad state")).Should().BeOfType<InvalidOperationException>().Which.Message.Should().Be("bad state");
        RoundTrip(new TimeoutException("slow")).Should().BeOfType<TimeoutException>();
        RoundTrip(new SiloUnavailableException("gone")).Should().BeOfType<SiloUnavailableException>().Which.Message.Should().Be("gone");
    }

    [Fact]
    public void An_exception_whose_single_string_constructor_is_not_the_message_keeps_its_message()
    {
        var original = new ArgumentNullException("sku", "A SKU is required.");

        RoundTrip(original).Should().BeOfType<ArgumentNullException>().Which.Message.Should().Be(original.Message);
    }

    [Fact]
    public void An_inconsistent_state_exception_keeps_both_etags()
    {
        var copy = RoundTrip(new InconsistentStateException("stale write", "etag-stored", "etag-presented"));

        var inconsistent = copy.Should().BeOfType<InconsistentStateException>().Subject;
        inconsistent.Message.Should().Be("stale write");
        inconsistent.StoredEtag.Should().Be("etag-stored");
        inconsistent.CurrentEtag.Should().Be("etag-presented");
    }

    [Fact]
    public void String_data_entries_travel_with_the_exception_and_other_entries_stay_behind()
    {
        var original = new ProbeException("quantity must be positive");
        original.Data["field"] = "quantity";
        original.Data["empty"] = null;
        original.Data["count"] = 3;

        var copy = RoundTrip(original);

        copy.Data["field"].Should().Be("quantity");
        copy.Data.Contains("empty").Should().BeTrue();
        copy.Data.Contains("count").Should().BeFalse();
    }

    [Fact]
    public void A_frame_claiming_too_many_data_entries_is_malformed()
    {
        using var writer = new WireArgumentWriter();
        writer.WriteString("System.Exception");
        writer.WriteString("boom");
        writer.WriteString(null);
        writer.WriteByte(200);
        using var reader = new WireArgumentReader();
        reader.Reset(writer.WrittenMemory);

        FluentActions.Invoking(() => WireExceptionCodec.Read(reader)).Should().Throw<WireFormatException>();
    }

    [Fact]
    public void An_exception_type_unknown_to_the_receiver_becomes_a_remote_grain_exception_naming_it()
    {
        using var writer = new WireArgumentWriter();
        writer.WriteString("Warehouse.Only.PickingFailedException");
        writer.WriteString("bin 7 is empty");
        writer.WriteString("   at Warehouse.Picker.Pick()");
        writer.WriteByte(0); // no data entries
        writer.WriteByte(0); // no details
        using var reader = new WireArgumentReader();
        reader.Reset(writer.WrittenMemory);

        var copy = WireExceptionCodec.Read(reader);

        var remote = copy.Should().BeOfType<RemoteGrainException>().Subject;
        remote.RemoteTypeName.Should().Be("Warehouse.Only.PickingFailedException");
        remote.Message.Should().Be("bin 7 is empty");
        remote.StackTrace.Should().Contain("Warehouse.Picker.Pick");
    }

    [Fact]
    public void A_loaded_exception_type_that_cannot_be_built_from_a_message_becomes_a_remote_grain_exception()
    {
        var copy = RoundTrip(new CodedException(404));

        copy.Should().BeOfType<RemoteGrainException>().Which.RemoteTypeName.Should().Be(typeof(CodedException).FullName);
        copy.Message.Should().Be("code 404");
    }

    private static Exception RoundTrip(Exception exception)
    {
        using var writer = new WireArgumentWriter();
        WireExceptionCodec.Write(writer, exception);
        using var reader = new WireArgumentReader();
        reader.Reset(writer.WrittenMemory);
        var copy = WireExceptionCodec.Read(reader);
        reader.Remaining.Should().Be(0);
        return copy;
    }

    private static Exception Thrown(Action action)
    {
        try
        {
            action();
        }
        catch (Exception exception)
        {
            return exception;
        }

        throw new InvalidOperationException("Nothing was thrown.");
    }

    public sealed class CodedException(int code) : Exception($"code {code}")
    {
        public int Code { get; } = code;
    }
}
