namespace Commerce.GrainInterfaces.Common;

/// <summary>The entity a request names does not exist. The HTTP edge answers 404.</summary>
[GenerateSerializer, Alias("commerce.NotFoundException")]
public sealed class NotFoundException : Exception
{
    public NotFoundException(string message)
        : base(message)
    {
    }

    public NotFoundException(string entity, string id)
        : base($"{entity} '{id}' does not exist.")
    {
        Entity = entity;
    }

    /// <summary>The kind of entity, e.g. <c>order</c>; null when the exception was made from a message only.</summary>
    [Id(0)]
    public string? Entity { get; private set; }
}
