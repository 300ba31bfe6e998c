using System.Buffers;
using Commerce.Runtime.Networking;
using Commerce.Runtime.Serialization;
using Commerce.Runtime.Tests.Networking;
using FluentAssertions;
using Xunit;

namespace Commerce.Runtime.Tests.Serialization;

/// <summary>Frames that straddle the pipe's buffer segments read the same as contiguous ones.</summary>
public sealed class SegmentedMessageTests
{
    [Fact]
    public void A_message_split_across_segments_reads_back_whole()
    {
        var basket = new Basket("ann", [new BasketLine("sku-1", 2, 9.99m, ["red"])], new Dictionary<string, decimal> { ["total"] = 19.98m }, DateTimeOffset.UnixEpoch);
        using var writer = new WireArgumentWriter();
        writer.Write("a string before the record");
        writer.Write(basket);
        writer.Write(-42L);
        var bytes = writer.WrittenSpan.ToArray();

        for (var split = 1; split < bytes.Length; split += 7)
        {
            using var reader = new WireArgumentReader();
            reader.Reset(Split(bytes, split));

            reader.Read<string>().Should().Be("a string before the record");
            reader.Read<Basket>().Should().BeEquivalentTo(basket);
            reader.Read<long>().Should().Be(-42L);
            reader.Remaining.Should().Be(0);
        }
    }

    [Fact]
    public void Frames_whose_header_and_payload_straddle_segments_are_found_one_by_one()
    {
        using var writer = new WireArgumentWriter();
        for (var i = 0; i < 3; i++)
        {
            var start = Frames.Begin(writer, FrameKind.Ping);
            writer.WriteVarUInt64((ulong)(1000 + i));
            Frames.End(writer, start, int.MaxValue);
        }

        var bytes = writer.WrittenSpan.ToArray();
        for (var split = 1; split < bytes.Length; split++)
        {
            var buffer = Split(bytes, split);
            var ids = new List<ulong>();
            using var reader = new WireArgumentReader();
            while (Frames.TryRead(ref buffer, 1024, out var kind, out var payload))
            {
                kind.Should().Be(FrameKind.Ping);
                reader.Reset(payload);
                ids.Add(reader.ReadVarUInt64());
            }

            ids.Should().Equal(1000ul, 1001ul, 1002ul);
            buffer.IsEmpty.Should().BeTrue();
        }
    }

    [Fact]
    public void A_partial_frame_is_left_in_the_buffer_until_the_rest_arrives()
    {
        using var writer = new WireArgumentWriter();
        var start = Frames.Begin(writer, FrameKind.Ping);
        writer.WriteVarUInt64(7);
        Frames.End(writer, start, int.MaxValue);
        var bytes = writer.WrittenSpan.ToArray();

        for (var length = 0; length < bytes.Length; length++)
        {
            var buffer = new ReadOnlySequence<byte>(bytes, 0, length);
            Frames.TryRead(ref buffer, 1024, out _, out _).Should().BeFalse();
            buffer.Length.Should().Be(length);
        }
    }

    private static ReadOnlySequence<byte> Split(byte[] bytes, int at)
    {
        var first = new Segment(bytes.AsMemory(0, at));
        var last = first.Append(bytes.AsMemory(at));
        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory) => Memory = memory;

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }
}
