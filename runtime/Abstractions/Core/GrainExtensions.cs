namespace Commerce.Runtime;

/// <summary>Identity helpers for grains and grain references alike.</summary>
public static class GrainExtensions
{
    public static GrainId GetGrainId(this IAddressable addressable) => addressable switch
    {
        GrainReference reference => reference.GrainId,
        Grain grain => grain.GrainId,
        _ => throw new ArgumentException($"{addressable.GetType()} is neither a grain nor a grain reference.", nameof(addressable)),
    };

    public static string GetPrimaryKeyString(this IAddressable addressable) => addressable.GetGrainId().Key;

    public static Guid GetPrimaryKey(this IAddressable addressable) => addressable.GetGrainId().GetGuidKey();

    public static long GetPrimaryKeyLong(this IAddressable addressable) => addressable.GetGrainId().GetIntegerKey();

    /// <summary>A reference to this grain as <typeparamref name="TGrainInterface"/>, to pass to other grains.</summary>
    public static TGrainInterface AsReference<TGrainInterface>(this Grain grain) where TGrainInterface : IAddressable =>
        grain.GrainContext.GrainFactory.GetGrain<TGrainInterface>(grain.GrainId);
}
