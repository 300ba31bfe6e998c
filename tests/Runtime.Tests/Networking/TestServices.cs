using System.Collections.Concurrent;
using Commerce.Runtime;
using Commerce.Runtime.Tests.Grains;

namespace Commerce.Runtime.Tests.Networking;

/// <summary>What the test "silo" runs for <see cref="IEchoGrain"/> calls: plain answers from the arguments, no activation.</summary>
public sealed class EchoService : IEchoGrain
{
    public static readonly Guid Instance = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");

    public Task<string> EchoAsync(string text) => Task.FromResult(text);

    public Task<string> KeyAsync() => Task.FromResult("service");

    public async ValueTask<int> AddAsync(int a, int b)
    {
        await Task.Yield();
        return a + b;
    }

    public ValueTask TouchAsync() => ValueTask.CompletedTask;

    public async Task FailAsync(string message)
    {
        await Task.Yield();
        throw new ProbeException(message);
    }

    public Task<string?> ReadContextAsync(string key) => Task.FromResult(RequestContext.Get(key) as string);

    public Task<string?> ReadContextThroughAsync(string otherKey, string key) => throw new NotSupportedException();

    public Task<Guid> InstanceAsync() => Task.FromResult(Instance);

    public Task DeactivateAsync() => Task.CompletedTask;

    public Task NeverAnswersAsync() => new TaskCompletionSource().Task;

    public Task<bool> RunsOnActivationSchedulerAsync() => Task.FromResult(false);
}

public sealed class WireProbeService : IWireProbeGrain
{
    public ConcurrentQueue<string> Notifications { get; } = new();

    public Task<Basket> EchoBasketAsync(Basket basket) => Task.FromResult(basket);

    public Task<IEchoGrain?> EchoReferenceAsync(IEchoGrain? reference) => Task.FromResult(reference);

    public Task<Shade?> EchoShadeAsync(Shade? shade) => Task.FromResult(shade);

    public Task<string> DescribeAsync(Guid id, DateTime at, TimeSpan after, double ratio, byte[]? payload, long? quantity, GrainId owner) =>
        Task.FromResult($"{id:N}|{at:O}|{at.Kind}|{after}|{ratio:R}|{(payload is null ? "null" : Convert.ToHexString(payload))}|{quantity?.ToString() ?? "null"}|{owner}");

    public Task NotifyAsync(string text)
    {
        Notifications.Enqueue(text);
        return Task.CompletedTask;
    }
}
