namespace Commerce.Grains.Catalog;

/// <summary>What can happen to a product in its listing workflow.</summary>
public enum ProductAction
{
    Edit,
    Submit,
    Approve,
    Reject,
    List,
    Delist,
}
