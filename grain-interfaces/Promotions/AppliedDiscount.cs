using Commerce.GrainInterfaces.Common;

namespace Commerce.GrainInterfaces.Promotions;

/// <summary>One discount a promotion applied to a priced cart or order (a positive amount taken off).</summary>
/// <param name="Code">The promotion or coupon that produced it, e.g. <c>SPRING10</c>.</param>
[GenerateSerializer, Immutable, Alias("commerce.AppliedDiscount")]
public sealed record AppliedDiscount(string Code, string Description, Money Amount);
