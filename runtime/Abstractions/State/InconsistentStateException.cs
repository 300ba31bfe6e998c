namespace Commerce.Runtime;

/// <summary>
/// A write or clear carried an ETag that no longer matches the stored record: another activation
/// (or a retry) wrote in between. The runtime deactivates the activation that saw it, so the next
/// call reads the current state.
/// </summary>
public sealed class InconsistentStateException : Exception
{
    public InconsistentStateException(string message, string? storedEtag, string? currentEtag)
        : base(message)
    {
        StoredEtag = storedEtag;
        CurrentEtag = currentEtag;
    }

    /// <summary>The ETag in storage, null if there is no record.</summary>
    public string? StoredEtag { get; }

    /// <summary>The ETag the writer presented.</summary>
    public string? CurrentEtag { get; }
}
