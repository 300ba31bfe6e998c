using Commerce.GrainInterfaces.Catalog;
using Commerce.GrainInterfaces.Common;
using Commerce.GrainInterfaces.Inventory;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Commerce.Catalog.Tests;

/// <summary>The records crossing silos survive Orleans' serializer, including members added beyond the positional ones.</summary>
public sealed class ContractSerializationTests
{
    private static readonly Serializer Wire = new ServiceCollection()
        .AddSerializer(s => s.AddAssembly(typeof(StockLevel).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    private static T RoundTrip<T>(T value) => Wire.Deserialize<T>(Wire.SerializeToArray(value))!;

    [Fact]
    public void Stock_records_round_trip_with_their_extra_members()
    {
        var level = new StockLevel("s", 5, 2, 1, [new WarehouseStock("w1", 5, 2, 3)], new DateOnly(2026, 12, 24), 3, true) { BackorderOwed = 2 };
        var copy = RoundTrip(level);
        copy.Should().BeEquivalentTo(level);
        copy.BackorderOwed.Should().Be(2);

        var reservation = new StockReservation("r", "s", 5, DateTimeOffset.UnixEpoch, true, new DateOnly(2026, 1, 2)) { BackorderedQuantity = 3 };
        RoundTrip(reservation).Should().Be(reservation);
        RoundTrip<IReadOnlyList<WarehouseAllocation>>([new WarehouseAllocation("w1", 2)]).Should().Equal(new WarehouseAllocation("w1", 2));
    }

    [Fact]
    public void Product_records_round_trip()
    {
        var details = Products.Complete();
        RoundTrip(details).Should().BeEquivalentTo(details);

        var snapshot = new ProductSnapshot("s", "n", "b", "o", "d", new Money(1.5m, "EUR"), "a/b", ProductStatus.Listed,
            new Dictionary<string, string> { ["k"] = "v" }, ["https://x.example/1.jpg"], [new ProductTag("style", "minimal", 2)],
            4.5, 2, true, null, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, null, null, null);
        RoundTrip(snapshot).Should().BeEquivalentTo(snapshot);

        var page = new CatalogPage([new CatalogItem("s", "n", null, null, new Money(1m, "EUR"), null, ProductStatus.Listed, null, 0, 0, true, DateTimeOffset.UnixEpoch, null)], 1, 1, 20);
        RoundTrip(page).Should().BeEquivalentTo(page);
        RoundTrip(new CatalogQuery(CategoryPath: "a", Sort: CatalogSort.Rating)).Should().Be(new CatalogQuery(CategoryPath: "a", Sort: CatalogSort.Rating));
    }
}
