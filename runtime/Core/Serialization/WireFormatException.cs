namespace Commerce.Runtime.Serialization;

/// <summary>Bytes from the wire do not decode as what they should be: truncated, out of range, or of the wrong shape.</summary>
public sealed class WireFormatException : Exception
{
    public WireFormatException(string message)
        : base(message)
    {
    }

    public WireFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
