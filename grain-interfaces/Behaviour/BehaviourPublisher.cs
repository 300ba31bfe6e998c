using Microsoft.Extensions.DependencyInjection;

namespace Commerce.GrainInterfaces.Behaviour;

/// <summary>
/// Publishes shopper actions on their behaviour streams after validating them
/// (<see cref="BehaviourEventRules"/>). Works wherever stream providers are: in the API process (a
/// cluster client, whose events enter through a silo's gateway), in a silo's co-hosted code, or in
/// a grain (<c>BehaviourPublisher.For(ServiceProvider)</c>; stream providers are keyed services, looked up by
/// <see cref="BehaviourStreams.Provider"/>). When a publish completes, the events
/// are durably in the log.
/// </summary>
public sealed class BehaviourPublisher
{
    private readonly IStreamProvider _provider;
    private readonly TimeProvider _time;

    public BehaviourPublisher(IStreamProvider provider, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(provider);
        _provider = provider;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>A publisher on the process's durable provider and its <see cref="TimeProvider"/> (the system clock if none is registered).</summary>
    public static BehaviourPublisher For(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return new BehaviourPublisher(services.GetRequiredKeyedService<IStreamProvider>(BehaviourStreams.Provider), services.GetService<TimeProvider>());
    }

    /// <summary>Validates and publishes one event on its user's stream.</summary>
    /// <param name="cancellationToken">Checked before publishing; Orleans streams take no token, so a publish once
    /// started runs to completion.</param>
    /// <exception cref="Common.InvalidInputException">The event breaks a rule; nothing was published.</exception>
    public Task PublishAsync(BehaviourEvent behaviour, CancellationToken cancellationToken = default)
    {
        BehaviourEventRules.Validate(behaviour, _time.GetUtcNow());
        cancellationToken.ThrowIfCancellationRequested();
        return _provider.GetStream<BehaviourEvent>(BehaviourStreams.For(behaviour.UserId)).OnNextAsync(behaviour);
    }

    /// <summary>
    /// Validates every event, then publishes each user's events as one batch (in their order).
    /// Nothing is published when one is invalid.
    /// </summary>
    /// <param name="cancellationToken">Checked before publishing; Orleans streams take no token, so a publish once
    /// started runs to completion.</param>
    public Task PublishBatchAsync(IReadOnlyCollection<BehaviourEvent> behaviours, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(behaviours);
        var now = _time.GetUtcNow();
        foreach (var behaviour in behaviours) BehaviourEventRules.Validate(behaviour, now);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.WhenAll(behaviours.GroupBy(b => b.UserId, StringComparer.Ordinal).Select(user =>
            _provider.GetStream<BehaviourEvent>(BehaviourStreams.For(user.Key)).OnNextBatchAsync(user.ToList())));
    }
}
