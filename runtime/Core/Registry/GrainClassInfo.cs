using System.Reflection;

namespace Commerce.Runtime.Registry;

/// <summary>What the runtime knows about a grain class, read once at start-up.</summary>
internal sealed class GrainClassInfo
{
    public GrainClassInfo(Type classType, Func<IGrainContext, object> factory)
    {
        ClassType = classType;
        Factory = factory;
        GrainType = new GrainType(classType.GetCustomAttribute<GrainTypeAttribute>()?.Name ?? DefaultName(classType));
        IsReentrant = classType.IsDefined(typeof(ReentrantAttribute), inherit: true);
        MaxLocalWorkers = classType.GetCustomAttribute<StatelessWorkerAttribute>(inherit: true)?.MaxLocalWorkers;
        CollectionAge = classType.GetCustomAttribute<CollectionAgeLimitAttribute>(inherit: true)?.Age;
        FiltersOwnCalls = typeof(IIncomingGrainCallFilter).IsAssignableFrom(classType);
    }

    public Type ClassType { get; }

    public GrainType GrainType { get; }

    public Func<IGrainContext, object> Factory { get; }

    public bool IsReentrant { get; }

    /// <summary>Set for <see cref="StatelessWorkerAttribute"/> classes.</summary>
    public int? MaxLocalWorkers { get; }

    public TimeSpan? CollectionAge { get; }

    /// <summary>The class implements <see cref="IIncomingGrainCallFilter"/> for its own calls.</summary>
    public bool FiltersOwnCalls { get; }

    /// <summary><c>ProductGrain</c> becomes <c>product</c>.</summary>
    internal static string DefaultName(Type classType)
    {
        var name = classType.Name;
        if (name.EndsWith("Grain", StringComparison.Ordinal) && name.Length > "Grain".Length) name = name[..^"Grain".Length];
        return name.ToLowerInvariant();
    }
}
