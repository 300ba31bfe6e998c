namespace Commerce.Runtime.Networking;

/// <summary>The header of a request frame, decoded before its request object is created.</summary>
internal readonly record struct RequestEnvelope(
    long CorrelationId,
    GrainId TargetId,
    GrainId SenderId,
    int InterfaceId,
    int MethodId,
    RequestOptions Options,
    uint TimeoutMilliseconds,
    int HopCount,
    RequestContextData? Context)
{
    public bool IsOneWay => (Options & RequestOptions.OneWay) != 0;
}
