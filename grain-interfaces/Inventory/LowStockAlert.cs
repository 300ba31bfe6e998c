namespace Commerce.GrainInterfaces.Inventory;

/// <summary>Available stock fell to or below the threshold.</summary>
public sealed record LowStockAlert(string Sku, int Available, int Threshold, DateTimeOffset At);
