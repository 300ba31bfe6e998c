namespace Commerce.GrainInterfaces.Catalog;

/// <summary>Where a product is in its listing workflow: draft -> submitted -> approved/rejected -> listed -> delisted.</summary>
public enum ProductStatus
{
    Draft,
    Submitted,
    Approved,
    Rejected,
    Listed,
    Delisted,
}
