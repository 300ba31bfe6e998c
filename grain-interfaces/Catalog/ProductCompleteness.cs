namespace Commerce.GrainInterfaces.Catalog;

/// <summary>The completeness check: the product may be submitted for review only when <see cref="Missing"/> is empty.</summary>
/// <param name="Missing">Field names of missing information, e.g. <c>description</c>, <c>images</c>.</param>
[GenerateSerializer, Immutable, Alias("commerce.ProductCompleteness")]
public sealed record ProductCompleteness(bool IsComplete, IReadOnlyList<string> Missing);
