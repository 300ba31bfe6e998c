using Orleans.Runtime;
using Orleans.Streams;

namespace Commerce.Postgres.Streams;

/// <summary>
/// One Orleans queue per log partition, and a stream's queue is the partition its events are
/// appended to (<see cref="StreamPartitioner"/>): the pulling agent of a queue reads exactly the
/// streams Orleans routes to it, and a stream's events stay in one partition, in order. The queues'
/// ring positions are spread evenly over the hash ring, so the default (consistent ring) balancer
/// spreads the partitions over the silos.
/// </summary>
public sealed class PostgresStreamQueueMapper : IConsistentRingStreamQueueMapper
{
    /// <summary>The size of the ring, 2^32, over which queue positions are spread.</summary>
    private const ulong RingSize = 1UL << 32;

    private readonly QueueId[] _queues;

    /// <param name="providerName">The stream provider's name, the queues' name prefix.</param>
    /// <param name="partitionCount">The log's partition count.</param>
    public PostgresStreamQueueMapper(string providerName, int partitionCount)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(providerName);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(partitionCount);
        ProviderName = providerName;
        _queues = new QueueId[partitionCount];
        for (var partition = 0; partition < partitionCount; partition++)
        {
            var ringPosition = (uint)(RingSize * (ulong)partition / (ulong)partitionCount);
            _queues[partition] = QueueId.GetQueueId(providerName, (uint)partition, ringPosition);
        }
    }

    /// <summary>The stream provider whose queues these are.</summary>
    public string ProviderName { get; }

    public IEnumerable<QueueId> GetAllQueues() => _queues;

    public QueueId GetQueueForStream(StreamId streamId) => _queues[StreamPartitioner.GetPartition(streamId, _queues.Length)];

    public IEnumerable<QueueId> GetQueuesForRange(IRingRange range)
    {
        ArgumentNullException.ThrowIfNull(range);
        return _queues.Where(queue => range.InRange(queue.GetUniformHashCode()));
    }

    /// <summary>The log partition behind <paramref name="queue"/>.</summary>
    /// <exception cref="ArgumentException">The queue is not one of this mapper's.</exception>
    public int GetPartition(QueueId queue)
    {
        var partition = queue.GetNumericId();
        if (partition >= (uint)_queues.Length || _queues[partition] != queue)
        {
            throw new ArgumentException($"Queue {queue} is not a queue of stream provider {ProviderName}.", nameof(queue));
        }
        return (int)partition;
    }
}
