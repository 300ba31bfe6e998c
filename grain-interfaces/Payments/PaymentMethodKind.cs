namespace Commerce.GrainInterfaces.Payments;

/// <summary>How a buyer pays.</summary>
public enum PaymentMethodKind
{
    /// <summary>Credit or debit card; authorized and captured at once.</summary>
    Card,

    /// <summary>A digital wallet; authorized and captured at once.</summary>
    Wallet,

    /// <summary>A bank transfer; pending until the gateway reports the funds arrived.</summary>
    BankTransfer,
}
