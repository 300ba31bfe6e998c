namespace Commerce.GrainInterfaces.Inventory;

/// <summary>Available stock fell to or below the threshold.</summary>
[GenerateSerializer, Immutable, Alias("commerce.LowStockAlert")]
public sealed record LowStockAlert(string Sku, int Available, int Threshold, DateTimeOffset At);
