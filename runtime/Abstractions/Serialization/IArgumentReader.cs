using System.ComponentModel;

namespace Commerce.Runtime.Serialization;

/// <summary>Reads what an <see cref="IArgumentWriter"/> wrote, in the same order and types.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IArgumentReader
{
    T Read<T>();
}
