using System.Collections.Concurrent;
using Commerce.Runtime;

namespace Commerce.Runtime.Tests.Grains;

/// <summary>Records what the runtime did to grains, so tests can look at it from outside.</summary>
public sealed class Probe
{
    public ConcurrentQueue<string> Events { get; } = new();

    public void Record(string text) => Events.Enqueue(text);

    public int Count(string text) => Events.Count(e => e == text);
}

public interface IEchoGrain : IGrainWithStringKey
{
    Task<string> EchoAsync(string text);

    Task<string> KeyAsync();

    ValueTask<int> AddAsync(int a, int b);

    ValueTask TouchAsync();

    Task FailAsync(string message);

    Task<string?> ReadContextAsync(string key);

    /// <summary>Calls another echo grain and returns what it saw in the request context.</summary>
    Task<string?> ReadContextThroughAsync(string otherKey, string key);

    Task<Guid> InstanceAsync();

    Task DeactivateAsync();

    Task NeverAnswersAsync();

    Task<bool> RunsOnActivationSchedulerAsync();
}

public interface IGuidKeyGrain : IGrainWithGuidKey
{
    Task<Guid> KeyAsync();
}

public interface IIntegerKeyGrain : IGrainWithIntegerKey
{
    Task<long> KeyAsync();
}

public sealed class ProbeException(string message) : Exception(message);

public sealed class EchoGrain(Probe probe) : Grain, IEchoGrain
{
    private readonly Guid _instance = Guid.NewGuid();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        probe.Record($"activate {GetPrimaryKeyString()}");
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        probe.Record($"deactivate {GetPrimaryKeyString()} {reason.Code}");
        return Task.CompletedTask;
    }

    public Task<string> EchoAsync(string text) => Task.FromResult(text);

    public Task<string> KeyAsync() => Task.FromResult(GetPrimaryKeyString());

    public async ValueTask<int> AddAsync(int a, int b)
    {
        await Task.Yield();
        return a + b;
    }

    public ValueTask TouchAsync() => ValueTask.CompletedTask;

    public async Task FailAsync(string message)
    {
        await Task.Delay(1);
        throw new ProbeException(message);
    }

    public Task<string?> ReadContextAsync(string key) => Task.FromResult(RequestContext.Get(key) as string);

    public Task<string?> ReadContextThroughAsync(string otherKey, string key) =>
        GrainFactory.GetGrain<IEchoGrain>(otherKey).ReadContextAsync(key);

    public Task<Guid> InstanceAsync() => Task.FromResult(_instance);

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public Task NeverAnswersAsync() => new TaskCompletionSource().Task;

    public async Task<bool> RunsOnActivationSchedulerAsync()
    {
        var context = RuntimeContext.Current;
        var before = ReferenceEquals(context, GrainContext);
        await Task.Delay(5);
        var afterDelay = ReferenceEquals(RuntimeContext.Current, GrainContext) && ReferenceEquals(SynchronizationContext.Current, GrainContext);
        await Task.Run(() => Thread.Sleep(1));
        var afterThreadPool = ReferenceEquals(RuntimeContext.Current, GrainContext);
        return before && afterDelay && afterThreadPool;
    }
}

public sealed class GuidKeyGrain : Grain, IGuidKeyGrain
{
    public Task<Guid> KeyAsync() => Task.FromResult(GetPrimaryKey());
}

public sealed class IntegerKeyGrain : Grain, IIntegerKeyGrain
{
    public Task<long> KeyAsync() => Task.FromResult(GetPrimaryKeyLong());
}
