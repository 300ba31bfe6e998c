namespace Commerce.Runtime;

/// <summary>Why an activation is being deactivated.</summary>
public enum DeactivationReasonCode
{
    None,
    ApplicationRequested,
    ActivationIdle,
    ShuttingDown,
    ApplicationError,
    ActivationFailed,
    /// <summary>Another silo now owns the grain (membership changed).</summary>
    PlacementChanged,
}

/// <summary>The reason passed to <see cref="Grain.OnDeactivateAsync"/>.</summary>
public readonly record struct DeactivationReason(DeactivationReasonCode Code, string Description, Exception? Exception = null)
{
    public override string ToString() => Exception is null ? $"{Code}: {Description}" : $"{Code}: {Description} ({Exception.GetType().Name}: {Exception.Message})";
}
