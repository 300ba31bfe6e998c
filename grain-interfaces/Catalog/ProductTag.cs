namespace Commerce.GrainInterfaces.Catalog;

/// <summary>
/// One tag of a product in one dimension (e.g. <c>style</c>/<c>minimal</c>, <c>season</c>/<c>summer</c>,
/// <c>audience</c>/<c>kids</c>). Merchant tags weigh 1; tags derived from behaviour carry the weight
/// the analytics gave them, accumulated across updates.
/// </summary>
[GenerateSerializer, Immutable, Alias("commerce.ProductTag")]
public sealed record ProductTag(string Dimension, string Value, double Weight = 1.0);
