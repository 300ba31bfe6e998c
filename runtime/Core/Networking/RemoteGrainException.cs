namespace Commerce.Runtime;

/// <summary>
/// A grain call failed on another silo with an exception this process cannot recreate (its type is
/// not loaded here, or cannot be built from a message). Message and remote stack trace are kept.
/// </summary>
public sealed class RemoteGrainException : Exception
{
    public RemoteGrainException(string remoteTypeName, string message)
        : base(message)
    {
        RemoteTypeName = remoteTypeName;
    }

    /// <summary>The full name of the exception type thrown on the remote silo.</summary>
    public string RemoteTypeName { get; }

    public override string ToString() => $"{RemoteTypeName} (remote): {base.ToString()}";
}
