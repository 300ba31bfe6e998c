namespace Commerce.Runtime;

/// <summary>A grain call as filters see it.</summary>
public interface IGrainCallContext
{
    /// <summary>The request: method name, interface, arguments (which a filter may replace).</summary>
    Request Request { get; }

    string MethodName => Request.MethodName;

    Type InterfaceType => Request.InterfaceType;

    GrainId TargetId { get; }

    /// <summary>The calling grain, or null for a call from outside any grain.</summary>
    GrainId? SourceId { get; }

    /// <summary>The result after <see cref="Invoke"/>; a filter may replace it.</summary>
    object? Result { get; set; }

    /// <summary>Calls the next filter, or the grain method after the last one.</summary>
    Task Invoke();
}

/// <summary>A call arriving at a grain.</summary>
public interface IIncomingGrainCallContext : IGrainCallContext
{
    /// <summary>The grain instance being called.</summary>
    object Grain { get; }
}

/// <summary>A call leaving a caller.</summary>
public interface IOutgoingGrainCallContext : IGrainCallContext;
