namespace Commerce.Runtime.CodeGenerator.Tests;

/// <summary>A realistic set of grain interfaces and grain classes, as a grain author would write them.</summary>
internal static class SampleSources
{
    public static readonly SourceFile Contracts = new("Contracts.cs", """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Commerce.Runtime;

        namespace Shop.Contracts
        {
            public sealed record CartLine(string Sku, int Quantity, decimal? UnitPrice);

            /// <summary>A grain interface other grain interfaces inherit from.</summary>
            public interface IPricedGrain : IGrainWithStringKey
            {
                [ReadOnly]
                Task<decimal> GetTotalAsync();
            }

            public interface ICartGrain : IPricedGrain
            {
                Task AddLineAsync(CartLine line, string? couponCode = null);

                Task<IReadOnlyList<CartLine>> GetLinesAsync();

                [AlwaysInterleave]
                ValueTask<int> CountAsync();

                [OneWay]
                Task TouchAsync();

                [OneWay]
                ValueTask NotifyAsync(string message);

                ValueTask ClearAsync(CancellationToken cancellationToken);

                Task<(string Sku, int Quantity)[]> TopAsync(int count);

                Task<Dictionary<string, List<int?>>> HistogramAsync(params string[] skus);

                Task<bool> MoveAsync(string @from, string @to, int @event, object? @object);

                [ReadOnly, AlwaysInterleave]
                Task<string?> FindAsync(Guid? id, long? version);

                Task<int> ScoreAsync(int value);

                Task<int> ScoreAsync(string value);

                Task<string> EchoAsync(string request);
            }

            public interface IOrderGrain : IGrainWithGuidKey
            {
                Task<Guid> PlaceAsync(CartLine[] lines, DateTimeOffset at);

                Task CancelAsync(string reason);
            }

            public interface IInventoryGrain : IGrainWithIntegerKey
            {
                Task<bool> ReserveAsync(int quantity);

                ValueTask<long> GetStockAsync();

                /// <summary>A default body still makes a grain call: the proxy overrides it.</summary>
                Task<string> DescribeAsync() => Task.FromResult("inventory");
            }

            internal interface IAuditGrain : IGrainWithStringKey
            {
                Task RecordAsync(string entry);
            }

            public static class Catalog
            {
                public interface ISearchGrain : IGrainWithStringKey
                {
                    Task<IReadOnlyList<string>> SearchAsync(string query, int limit = 20);
                }
            }

            public interface IClock
            {
                DateTimeOffset UtcNow { get; }
            }
        }
        """);

    public static readonly SourceFile Grains = new("Grains.cs", """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using Commerce.Runtime;
        using Shop.Contracts;

        namespace Shop.Grains
        {
            public sealed class CartState
            {
                public List<CartLine> Lines { get; set; } = new();
            }

            public sealed class FixedClock : IClock
            {
                public DateTimeOffset UtcNow { get; } = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
            }

            public sealed class CartGrain : Grain, ICartGrain, IAuditGrain
            {
                private readonly IPersistentState<CartState> _cart;
                private readonly IClock _clock;

                public CartGrain([PersistentState("cart", "store")] IPersistentState<CartState> cart, IClock clock)
                {
                    _cart = cart;
                    _clock = clock;
                }

                public CartGrain() : this(null!, null!)
                {
                }

                public DateTimeOffset Touched { get; private set; }

                public IPersistentState<CartState> Cart => _cart;

                public IClock Clock => _clock;

                public Task<decimal> GetTotalAsync() => Task.FromResult(_cart.State.Lines.Sum(l => l.Quantity * (l.UnitPrice ?? 0m)));

                public Task AddLineAsync(CartLine line, string? couponCode = null)
                {
                    _cart.State.Lines.Add(line);
                    return Task.CompletedTask;
                }

                public Task<IReadOnlyList<CartLine>> GetLinesAsync() => Task.FromResult<IReadOnlyList<CartLine>>(_cart.State.Lines);

                public ValueTask<int> CountAsync() => new(_cart.State.Lines.Count);

                public Task TouchAsync()
                {
                    Touched = _clock.UtcNow;
                    return Task.CompletedTask;
                }

                public ValueTask NotifyAsync(string message) => default;

                public ValueTask ClearAsync(CancellationToken cancellationToken)
                {
                    _cart.State.Lines.Clear();
                    return default;
                }

                public Task<(string Sku, int Quantity)[]> TopAsync(int count) =>
                    Task.FromResult(_cart.State.Lines.Take(count).Select(l => (l.Sku, l.Quantity)).ToArray());

                public Task<Dictionary<string, List<int?>>> HistogramAsync(params string[] skus) =>
                    Task.FromResult(skus.ToDictionary(s => s, s => new List<int?> { null }));

                public Task<bool> MoveAsync(string @from, string @to, int @event, object? @object) => Task.FromResult(@from != @to);

                public Task<string?> FindAsync(Guid? id, long? version) => Task.FromResult<string?>($"{id}:{version}");

                public Task<int> ScoreAsync(int value) => Task.FromResult(value * 2);

                public Task<int> ScoreAsync(string value) => Task.FromResult(value.Length);

                public Task<string> EchoAsync(string request) => Task.FromResult(request);

                public Task RecordAsync(string entry) => Task.CompletedTask;
            }

            public sealed class OrderGrain(IClock clock) : Grain, IOrderGrain
            {
                public Task<Guid> PlaceAsync(CartLine[] lines, DateTimeOffset at) => Task.FromResult(at < clock.UtcNow ? Guid.Empty : GetPrimaryKey());

                public Task CancelAsync(string reason) => Task.CompletedTask;
            }

            public sealed class InventoryGrain(
                [PersistentState("reservations")] IPersistentState<List<string>> reservations,
                IClock? clock = null) : Grain, IInventoryGrain
            {
                public Task<bool> ReserveAsync(int quantity) => Task.FromResult(reservations.State.Count + quantity < 100 && clock is not null);

                public ValueTask<long> GetStockAsync() => new(100L - reservations.State.Count);
            }

            public sealed class SearchGrain : Grain, Catalog.ISearchGrain
            {
                public Task<IReadOnlyList<string>> SearchAsync(string query, int limit = 20) =>
                    Task.FromResult<IReadOnlyList<string>>(new[] { query });
            }

            /// <summary>Not a grain class: it implements no grain interface.</summary>
            public sealed class HelperGrain : Grain
            {
            }

            /// <summary>Not a grain class: abstract.</summary>
            public abstract class GrainBase : Grain, IAuditGrain
            {
                public abstract Task RecordAsync(string entry);
            }
        }
        """);
}
