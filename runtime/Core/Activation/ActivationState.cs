namespace Commerce.Runtime.Activation;

internal enum ActivationState
{
    /// <summary>Constructing the grain, reading its state, running OnActivateAsync. Requests wait.</summary>
    Activating,

    /// <summary>Serving requests.</summary>
    Valid,

    /// <summary>Waiting for running requests, then running OnDeactivateAsync. New requests wait and are forwarded.</summary>
    Deactivating,

    /// <summary>Gone from the catalog. Requests that reach it are rerouted by their sender.</summary>
    Invalid,
}
