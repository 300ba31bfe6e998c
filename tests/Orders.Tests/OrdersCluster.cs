using Commerce.GrainInterfaces.Cart;
using Commerce.GrainInterfaces.Catalog;
using Commerce.GrainInterfaces.Common;
using Commerce.GrainInterfaces.Inventory;
using Commerce.GrainInterfaces.Orders;
using Commerce.GrainInterfaces.Payments;
using Commerce.Grains.Cart;
using Commerce.Grains.Inventory;
using Commerce.Grains.Logistics;
using Commerce.Grains.Orders;
using Commerce.Grains.Payments.Gateway;
using Commerce.Grains.Testing;
using Microsoft.Extensions.DependencyInjection;
using Orleans;

namespace Commerce.Orders.Tests;

/// <summary>
/// An in-process silo with every commerce grain, reminders and the sandbox carrier fast enough for tests, a
/// recording durable stream provider, and helpers to stock a shop and check out.
/// </summary>
public sealed class OrdersCluster : IAsyncDisposable
{
    public const string Admin = "admin:ann";
    public const string Warehouse = "wh-berlin";

    private static int s_skus;

    private OrdersCluster(CommerceTestCluster cluster, RecordingStreamProvider streams)
    {
        Cluster = cluster;
        Streams = streams;
    }

    public CommerceTestCluster Cluster { get; }

    public RecordingStreamProvider Streams { get; }

    public IGrainFactory Grains => Cluster.GrainFactory;

    public static async Task<OrdersCluster> StartAsync(
        Action<OrderOptions>? orders = null,
        Action<SandboxCarrierOptions>? carrier = null,
        Action<CartOptions>? cart = null,
        Action<IServiceCollection>? services = null)
    {
        var streams = new RecordingStreamProvider();
        var cluster = await CommerceTestCluster.StartAsync(
            configureServices: s =>
            {
                s.Configure<InventoryOptions>(o => o.ExpiryReminderPeriod = CommerceTestCluster.MinimumReminderPeriod);
                s.Configure<SandboxGatewayOptions>(o => o.Latency = TimeSpan.FromMilliseconds(1));
                s.Configure<SandboxCarrierOptions>(o =>
                {
                    o.StepDelay = TimeSpan.FromMilliseconds(30);
                    o.TickInterval = TimeSpan.FromMilliseconds(20);
                    o.FailureRate = 0;
                    o.WebhookFailureRate = 0;
                    carrier?.Invoke(o);
                });
                s.Configure<OrderOptions>(o => orders?.Invoke(o));
                s.Configure<CartOptions>(o => cart?.Invoke(o));
                services?.Invoke(s);
            },
            durableStreams: streams);
        return new OrdersCluster(cluster, streams);
    }

    public ValueTask DisposeAsync() => Cluster.DisposeAsync();

    // ---- shop set-up --------------------------------------------------------------------------------------------

    /// <summary>Lists a fresh product at <paramref name="price"/> EUR with <paramref name="stock"/> units in <see cref="Warehouse"/>; returns its SKU.</summary>
    public async Task<string> ListedProductAsync(decimal price = 20m, int stock = 10, string? warehouse = null)
    {
        await EnsureCategoryAsync();
        var sku = $"SKU-{Interlocked.Increment(ref s_skus):D4}";
        var product = Grains.GetGrain<IProductGrain>(sku);
        await product.CreateAsync(new ProductDetails(
            $"Product {sku}", "Acme", "DE", "A fine product.", new Money(price, "EUR"), "home",
            new Dictionary<string, string> { ["color"] = "black" }, ["https://img.example.com/1.jpg"]), "merchant:1");
        await product.SubmitAsync("merchant:1");
        await product.ApproveAsync(Admin);
        await product.ListAsync(Admin);
        if (stock > 0) await Grains.GetGrain<IInventoryGrain>(sku).SetStockAsync(warehouse ?? Warehouse, stock, Admin);
        return sku;
    }

    private bool _category;

    private async Task EnsureCategoryAsync()
    {
        if (_category) return;
        var tree = Grains.GetGrain<ICategoryTreeGrain>(ICategoryTreeGrain.SingletonKey);
        if (await tree.GetAsync("home") is null) await tree.CreateAsync(null, "home", "Home");
        _category = true;
    }

    public static ShippingAddress Address(string postalCode = "10115") =>
        new("Ann Example", "+49 30 123456", "Invalidenstr. 1", null, "Berlin", null, postalCode, "DE");

    public static PaymentSelection Card(string token = SandboxTestTokens.Visa) => new(PaymentMethodKind.Card, token, "DE", "DE");

    public ICartGrain Cart(string userId) => Grains.GetGrain<ICartGrain>($"user:{userId}");

    public IOrderGrain Order(string orderId) => Grains.GetGrain<IOrderGrain>(orderId);

    public ICheckoutGrain Checkout(string userId, string idempotencyKey) => Grains.GetGrain<ICheckoutGrain>($"{userId}:{idempotencyKey}");

    /// <summary>Puts the SKUs in the user's cart and checks out (paying by card unless told otherwise).</summary>
    public async Task<OrderSnapshot> PlaceAsync(string userId, IReadOnlyList<(string Sku, int Quantity)> items, PaymentSelection? payment = null, bool pay = true, string? key = null)
    {
        var cart = Cart(userId);
        foreach (var (sku, quantity) in items) await cart.AddItemAsync(sku, quantity);
        var preview = await cart.PreviewAsync();
        return await Checkout(userId, key ?? Guid.NewGuid().ToString("N")).PlaceFromCartAsync(
            new CheckoutRequest(userId, Address(), preview.Total, pay ? payment ?? Card() : null));
    }

    /// <summary>Polls <paramref name="condition"/> until it holds or <paramref name="timeout"/> passes.</summary>
    public static async Task<bool> EventuallyAsync(Func<Task<bool>> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (DateTime.UtcNow < deadline)
        {
            if (await condition()) return true;
            await Task.Delay(25);
        }
        return await condition();
    }
}
