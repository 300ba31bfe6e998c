namespace Commerce.Runtime.Storage;

/// <summary>A persistent state the activation reads before OnActivateAsync.</summary>
internal interface IPersistentStateLoader
{
    Task ReadStateAsync(CancellationToken cancellationToken);
}
