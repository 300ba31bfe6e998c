namespace Commerce.GrainInterfaces.Common;

/// <summary>
/// A request a grain refuses because of its input. The HTTP edge answers 400 with a ProblemDetails
/// naming <see cref="Field"/>. The field travels in <see cref="Exception.Data"/>, which crosses silos.
/// </summary>
public sealed class InvalidInputException : Exception
{
    public InvalidInputException(string message)
        : base(message)
    {
    }

    public InvalidInputException(string field, string message)
        : base(message)
    {
        Data[nameof(Field)] = field;
    }

    /// <summary>The offending input, e.g. <c>quantity</c> or <c>address.postalCode</c>; null when not one field.</summary>
    public string? Field => Data[nameof(Field)] as string;
}
