namespace Commerce.GrainInterfaces.Common;

/// <summary>
/// A request a grain refuses because of its input. The HTTP edge answers 400 with a ProblemDetails
/// naming <see cref="Field"/>. <see cref="Field"/> is serialized with the exception, so it survives a
/// grain call across silos.
/// </summary>
[GenerateSerializer, Alias("commerce.InvalidInputException")]
public sealed class InvalidInputException : Exception
{
    public InvalidInputException(string message)
        : base(message)
    {
    }

    public InvalidInputException(string field, string message)
        : base(message)
    {
        Field = field;
    }

    /// <summary>The offending input, e.g. <c>quantity</c> or <c>address.postalCode</c>; null when not one field.</summary>
    [Id(0)]
    public string? Field { get; private set; }
}
