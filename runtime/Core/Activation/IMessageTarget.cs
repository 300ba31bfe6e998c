namespace Commerce.Runtime.Activation;

/// <summary>Where the catalog sends a grain's requests: one activation, or a group of stateless workers.</summary>
internal interface IMessageTarget
{
    /// <summary>Queues the request; false when the target is gone and the caller must look it up again.</summary>
    bool TryEnqueue(Request request);
}
