using Commerce.GrainInterfaces.Catalog;
using Commerce.GrainInterfaces.Common;

namespace Commerce.Grains.Catalog;

/// <summary>
/// The listing workflow's transition table: draft -> submitted -> approved/rejected -> listed -> delisted.
/// Editing a product under review or approved sends it back to draft, so what is listed is what was reviewed.
/// </summary>
public static class ProductWorkflow
{
    private static readonly Dictionary<(ProductStatus, ProductAction), ProductStatus> s_transitions = new()
    {
        [(ProductStatus.Draft, ProductAction.Edit)] = ProductStatus.Draft,
        [(ProductStatus.Rejected, ProductAction.Edit)] = ProductStatus.Rejected,
        [(ProductStatus.Submitted, ProductAction.Edit)] = ProductStatus.Draft,
        [(ProductStatus.Approved, ProductAction.Edit)] = ProductStatus.Draft,
        [(ProductStatus.Listed, ProductAction.Edit)] = ProductStatus.Listed,
        [(ProductStatus.Delisted, ProductAction.Edit)] = ProductStatus.Delisted,
        [(ProductStatus.Draft, ProductAction.Submit)] = ProductStatus.Submitted,
        [(ProductStatus.Rejected, ProductAction.Submit)] = ProductStatus.Submitted,
        [(ProductStatus.Submitted, ProductAction.Approve)] = ProductStatus.Approved,
        [(ProductStatus.Submitted, ProductAction.Reject)] = ProductStatus.Rejected,
        [(ProductStatus.Approved, ProductAction.List)] = ProductStatus.Listed,
        [(ProductStatus.Delisted, ProductAction.List)] = ProductStatus.Listed,
        [(ProductStatus.Listed, ProductAction.Delist)] = ProductStatus.Delisted,
    };

    public static bool Allows(ProductStatus from, ProductAction action) => s_transitions.ContainsKey((from, action));

    /// <summary>The status after <paramref name="action"/>; ConflictException <c>invalid-transition</c> when not allowed.</summary>
    public static ProductStatus Next(ProductStatus from, ProductAction action) =>
        s_transitions.TryGetValue((from, action), out var to)
            ? to
            : throw new ConflictException("invalid-transition", $"A {from.ToString().ToLowerInvariant()} product cannot be {Describe(action)}.");

    private static string Describe(ProductAction action) => action switch
    {
        ProductAction.Edit => "edited",
        ProductAction.Submit => "submitted",
        ProductAction.Approve => "approved",
        ProductAction.Reject => "rejected",
        ProductAction.List => "listed",
        ProductAction.Delist => "delisted",
        _ => action.ToString(),
    };
}
