using System.Text;
using FluentAssertions;
using Orleans.Runtime;

namespace Commerce.Postgres.Streams.Tests;

public sealed class StreamPartitionerTests
{
    /// <summary>
    /// Computed outside .NET (FNV-1a 64 over the UTF-16LE bytes of "namespace/key"), so a change of
    /// the hash, which would move every stream to another partition, fails here.
    /// </summary>
    [Theory]
    [InlineData("behaviour", "user-42", 0xa65a3efcbd2d82b1UL, 1)]
    [InlineData("orders", "été-北京", 0xceaf88ea0fd22f66UL, 6)]
    [InlineData("a", "b", 0xefdfc6548fb47109UL, 1)]
    public void A_known_stream_always_lands_in_the_same_partition(string @namespace, string key, ulong expectedHash, int expectedPartitionOfEight)
    {
        var stream = StreamId.Create(@namespace, key);

        StreamPartitioner.Hash(stream).Should().Be(expectedHash);
        StreamPartitioner.GetPartition(stream, 8).Should().Be(expectedPartitionOfEight);
    }

    [Fact]
    public void The_partition_is_FNV1a_64_of_the_UTF16_text_modulo_the_partition_count()
    {
        var random = new Random(7);
        for (var i = 0; i < 1_000; i++)
        {
            var @namespace = $"ns{random.Next(10)}";
            var key = $"key-{random.Next()}-{(char)random.Next(0x4e00, 0x9fff)}";
            var count = random.Next(1, 64);

            StreamPartitioner.GetPartition(StreamId.Create(@namespace, key), count).Should().Be((int)(IndependentFnv1a($"{@namespace}/{key}") % (ulong)count));
        }
    }

    [Fact]
    public void A_stream_without_namespace_hashes_as_one_with_an_empty_namespace()
    {
        StreamPartitioner.Hash(StreamId.Create((string?)null, "user-42")).Should().Be(IndependentFnv1a("/user-42"));
    }

    [Fact]
    public void Streams_spread_over_all_partitions()
    {
        var counts = new int[8];
        for (var i = 0; i < 8_000; i++) counts[StreamPartitioner.GetPartition(StreamId.Create("behaviour", $"user-{i}"), 8)]++;

        counts.Should().OnlyContain(c => c > 800 && c < 1_200);
    }

    private static ulong IndependentFnv1a(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.Unicode.GetBytes(text))
        {
            hash ^= b;
            hash *= 1099511628211UL;
        }
        return hash;
    }
}
