using System.Threading.Channels;

namespace Commerce.Bench.Runtime;

/// <summary>
/// The minimal hand-written actor Orleans grain calls are compared with: one <see cref="Channel{T}"/> and
/// one reader loop per object, callers awaiting a <see cref="TaskCompletionSource{TResult}"/>.
/// It does the same work as <see cref="PingGrain"/> and nothing else: no identity, no timeouts,
/// no activation lifecycle.
/// </summary>
internal sealed class ChannelActorBaseline
{
    private readonly Dictionary<long, Actor> _actors = new();

    public ChannelActorBaseline(int count)
    {
        for (var i = 0; i < count; i++) _actors[i] = new Actor();
    }

    public Task<int> PingAsync(long key, int value) => _actors[key].PingAsync(value);

    private sealed class Actor
    {
        private readonly Channel<(int Value, TaskCompletionSource<int> Reply)> _inbox =
            Channel.CreateUnbounded<(int, TaskCompletionSource<int>)>(new UnboundedChannelOptions { SingleReader = true });

        private int _calls;

        public Actor() => _ = Task.Run(RunAsync);

        public Task<int> PingAsync(int value)
        {
            var reply = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            _inbox.Writer.TryWrite((value, reply));
            return reply.Task;
        }

        private async Task RunAsync()
        {
            var reader = _inbox.Reader;
            while (await reader.WaitToReadAsync())
            {
                while (reader.TryRead(out var message))
                {
                    _calls++;
                    message.Reply.SetResult(message.Value + _calls);
                }
            }
        }
    }
}
