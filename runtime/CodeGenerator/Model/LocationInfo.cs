using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Commerce.Runtime.CodeGenerator.Model
{
    /// <summary>
    /// Where a diagnostic points, without holding on to a syntax tree: a <see cref="Location"/> would
    /// keep old trees alive and make every model unequal after any edit.
    /// </summary>
    internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
    {
        public static LocationInfo? From(Location? location) =>
            location is null || !location.IsInSource
                ? null
                : new LocationInfo(location.SourceTree!.FilePath, location.SourceSpan, location.GetLineSpan().Span);

        public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);
    }
}
