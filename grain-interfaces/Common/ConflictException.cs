namespace Commerce.GrainInterfaces.Common;

/// <summary>
/// A request that is valid but conflicts with the entity's current state: cancelling a shipped order,
/// reserving more than is in stock. The HTTP edge answers 409 with <see cref="Code"/> so clients can
/// branch on it without parsing the message. <see cref="Code"/> is serialized with the exception, so it
/// survives a grain call across silos.
/// </summary>
[GenerateSerializer, Alias("commerce.ConflictException")]
public sealed class ConflictException : Exception
{
    public ConflictException(string message)
        : base(message)
    {
    }

    public ConflictException(string code, string message)
        : base(message)
    {
        Code = code;
    }

    /// <summary>A stable, kebab-case reason, e.g. <c>out-of-stock</c>, <c>invalid-transition</c>.</summary>
    [Id(0)]
    public string? Code { get; private set; }
}
