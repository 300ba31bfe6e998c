using Commerce.Runtime.Serialization;

namespace Commerce.Runtime.CodeGenerator.Tests.Fakes;

/// <summary>Stands in for the wire: keeps each written value with the type argument it was written as, in order.</summary>
internal sealed class RecordingArgumentWriter : IArgumentWriter
{
    public Queue<(Type Type, object? Value)> Written { get; } = new();

    public IEnumerable<Type> Types => Written.Select(entry => entry.Type);

    public void Write<T>(T value) => Written.Enqueue((typeof(T), value));
}
