using System.ComponentModel;

namespace Commerce.Runtime.Serialization;

/// <summary>Writes a request's arguments (or a response's result) for the wire; generated requests call it per argument.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IArgumentWriter
{
    void Write<T>(T value);
}
