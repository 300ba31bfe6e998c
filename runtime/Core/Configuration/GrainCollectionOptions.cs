namespace Commerce.Runtime.Configuration;

/// <summary>When idle activations are collected and how long deactivation may take.</summary>
public sealed class GrainCollectionOptions
{
    /// <summary>
    /// An activation with no request for this long is deactivated. Default 15 minutes: a shopper's
    /// session keeps its grains warm, an abandoned one gives the memory back. Per class:
    /// <see cref="CollectionAgeLimitAttribute"/>.
    /// </summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often the collector looks for idle activations. Default 1 minute.</summary>
    public TimeSpan CollectionQuantum { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long <see cref="Grain.OnDeactivateAsync"/> may run before it is abandoned. Default 30 s.</summary>
    public TimeSpan DeactivationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a graceful shutdown waits for all activations to deactivate. Default 60 s.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(60);
}
