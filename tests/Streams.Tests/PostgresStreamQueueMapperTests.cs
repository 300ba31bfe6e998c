using FluentAssertions;
using Orleans.Runtime;
using Orleans.Streams;

namespace Commerce.Postgres.Streams.Tests;

public sealed class PostgresStreamQueueMapperTests
{
    [Fact]
    public void There_is_one_queue_per_partition_and_a_streams_queue_is_its_partition()
    {
        var mapper = new PostgresStreamQueueMapper("durable", 8);

        mapper.GetAllQueues().Select(mapper.GetPartition).Should().Equal(Enumerable.Range(0, 8));
        for (var i = 0; i < 200; i++)
        {
            var stream = StreamId.Create("behaviour", $"user-{i}");
            mapper.GetPartition(mapper.GetQueueForStream(stream)).Should().Be(StreamPartitioner.GetPartition(stream, 8));
        }
    }

    [Fact]
    public void Ring_ranges_that_split_the_ring_split_the_queues_evenly()
    {
        var mapper = new PostgresStreamQueueMapper("durable", 8);
        var halves = new[] { new HalfRing(upper: false), new HalfRing(upper: true) };

        var queues = halves.Select(h => mapper.GetQueuesForRange(h).ToList()).ToList();

        queues.Should().OnlyContain(q => q.Count == 4, "the queues' ring positions are spread evenly, so the default balancer spreads partitions over silos");
        queues.SelectMany(q => q).Should().BeEquivalentTo(mapper.GetAllQueues());
    }

    [Fact]
    public void A_queue_of_another_provider_is_refused()
    {
        var mapper = new PostgresStreamQueueMapper("durable", 8);
        var other = new PostgresStreamQueueMapper("other", 8).GetAllQueues().First();

        FluentActions.Invoking(() => mapper.GetPartition(other)).Should().Throw<ArgumentException>();
    }

    /// <summary>The lower or upper half of the 32-bit ring.</summary>
    private sealed class HalfRing(bool upper) : IRingRange
    {
        private const uint Middle = 1u << 31;

        public bool InRange(uint value) => upper ? value >= Middle : value < Middle;

        public bool InRange(GrainId grainId) => InRange(grainId.GetUniformHashCode());
    }
}
