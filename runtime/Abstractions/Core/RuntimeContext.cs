namespace Commerce.Runtime;

/// <summary>The activation whose turn is running on the current thread, if any.</summary>
public static class RuntimeContext
{
    [ThreadStatic] private static IGrainContext? _current;

    public static IGrainContext? Current
    {
        get => _current;
        internal set => _current = value;
    }
}
