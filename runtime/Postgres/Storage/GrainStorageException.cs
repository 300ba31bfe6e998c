namespace Commerce.Runtime.Postgres;

/// <summary>
/// Grain state could not be read, written or cleared because the database failed (unreachable,
/// timed out, missing) or a stored payload could not be deserialized. Version conflicts are not
/// this: they surface as <see cref="InconsistentStateException"/>.
/// </summary>
public sealed class GrainStorageException : Exception
{
    public GrainStorageException(string message, GrainId grainId, string stateName, Exception innerException)
        : base(message, innerException)
    {
        GrainId = grainId;
        StateName = stateName;
    }

    /// <summary>The grain whose state was being accessed.</summary>
    public GrainId GrainId { get; }

    /// <summary>The name of the state (as in <see cref="PersistentStateAttribute"/>).</summary>
    public string StateName { get; }
}
