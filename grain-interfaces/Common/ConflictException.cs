namespace Commerce.GrainInterfaces.Common;

/// <summary>
/// A request that is valid but conflicts with the entity's current state: cancelling a shipped order,
/// reserving more than is in stock. The HTTP edge answers 409 with <see cref="Code"/> so clients can
/// branch on it without parsing the message.
/// </summary>
public sealed class ConflictException : Exception
{
    public ConflictException(string message)
        : base(message)
    {
    }

    public ConflictException(string code, string message)
        : base(message)
    {
        Data[nameof(Code)] = code;
    }

    /// <summary>A stable, kebab-case reason, e.g. <c>out-of-stock</c>, <c>invalid-transition</c>.</summary>
    public string? Code => Data[nameof(Code)] as string;
}
