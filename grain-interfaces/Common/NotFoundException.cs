namespace Commerce.GrainInterfaces.Common;

/// <summary>The entity a request names does not exist. The HTTP edge answers 404.</summary>
public sealed class NotFoundException : Exception
{
    public NotFoundException(string message)
        : base(message)
    {
    }

    public NotFoundException(string entity, string id)
        : base($"{entity} '{id}' does not exist.")
    {
        Data[nameof(Entity)] = entity;
    }

    public string? Entity => Data[nameof(Entity)] as string;
}
