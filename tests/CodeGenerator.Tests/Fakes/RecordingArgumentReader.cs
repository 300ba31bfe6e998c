using Commerce.Runtime.Serialization;

namespace Commerce.Runtime.CodeGenerator.Tests.Fakes;

/// <summary>Reads back what a <see cref="RecordingArgumentWriter"/> wrote, insisting on the same type arguments in the same order.</summary>
internal sealed class RecordingArgumentReader(IEnumerable<(Type Type, object? Value)> written) : IArgumentReader
{
    private readonly Queue<(Type Type, object? Value)> _remaining = new(written);

    public List<Type> Types { get; } = [];

    public int Remaining => _remaining.Count;

    public T Read<T>()
    {
        Types.Add(typeof(T));
        if (!_remaining.TryDequeue(out var next)) throw new InvalidOperationException($"Read<{typeof(T)}> past the end of what was written.");
        if (next.Type != typeof(T)) throw new InvalidOperationException($"Read<{typeof(T)}> where Write<{next.Type}> was written.");
        return (T)next.Value!;
    }
}
