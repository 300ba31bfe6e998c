using System.Collections.Concurrent;
using System.Text.Json;
using Commerce.GrainInterfaces.Payments;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Commerce.Grains.Payments.Gateway;

/// <summary>
/// An in-process payment gateway that behaves like a real one, for development, demos and tests. It is NOT a
/// real provider and moves no money. Like a provider's test mode it has: a latency on every call
/// (<see cref="SandboxGatewayOptions.Latency"/>); declines and insufficient funds on test tokens and card
/// numbers (<see cref="SandboxTestTokens"/>); timeouts, where the caller gets
/// <see cref="PaymentGatewayTimeoutException"/> although the gateway went on and authorized the charge, so the
/// outcome is known only from the later callback or a status query; bank transfers that stay pending until a
/// callback; asynchronous callbacks signed with HMAC-SHA256 over timestamp and body with the shared secret
/// (<see cref="PaymentCallbackSignature"/>), delivered to <see cref="IGatewayWebhookReceiver"/> after a delay
/// and duplicated (<see cref="SandboxGatewayOptions.DuplicateDeliveries"/>); idempotency by payment id and
/// refund id; and the gateway's own record of every charge, listed for reconciliation. The members under
/// "Sandbox controls" let tests deliver callbacks on demand and plant disagreements between the books.
/// </summary>
public sealed partial class SandboxPaymentGateway : IPaymentGateway
{
    private readonly ConcurrentDictionary<string, GatewayRecord> _records = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, GatewayRefundResponse> _refunds = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<SandboxCallback> _outbox = new();
    private readonly Lock _lock = new();
    private readonly SandboxGatewayOptions _options;
    private readonly PaymentCallbackOptions _callbackOptions;
    private readonly TimeProvider _clock;
    private readonly IServiceProvider _services;
    private readonly ILogger<SandboxPaymentGateway> _logger;
    private long _sequence;

    public SandboxPaymentGateway(
        IOptions<SandboxGatewayOptions> options,
        IOptions<PaymentCallbackOptions> callbackOptions,
        TimeProvider clock,
        IServiceProvider services,
        ILogger<SandboxPaymentGateway> logger)
    {
        _options = options.Value;
        _callbackOptions = callbackOptions.Value;
        _clock = clock;
        // The receiver is resolved when a callback goes out: it needs the grain factory, which needs the silo.
        _services = services;
        _logger = logger;
    }

    public async Task<PaymentMethodDetails> DescribeMethodAsync(PaymentMethodKind method, string token, CancellationToken cancellationToken = default)
    {
        await Task.Delay(_options.Latency, _clock, cancellationToken);
        if (method == PaymentMethodKind.BankTransfer) return new PaymentMethodDetails(CountryOf(token, null));
        return new PaymentMethodDetails(CountryOf(token, _options.DefaultCardCountry));
    }

    public async Task<GatewayChargeResponse> AuthorizeAsync(GatewayChargeRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        await Task.Delay(_options.Latency, _clock, cancellationToken);
        if (_records.TryGetValue(request.PaymentId, out var existing)) return Response(existing);

        var now = _clock.GetUtcNow();
        var (status, code, timesOut) = Decide(request.Method, request.Token);
        var record = new GatewayRecord(
            $"ch_{Interlocked.Increment(ref _sequence):D8}", request.PaymentId, request.OrderId, request.Method,
            request.Amount.Amount, request.Amount.Currency, status, 0m, 0m, code, now, now);
        record = _records.GetOrAdd(request.PaymentId, record);

        if (request.Method == PaymentMethodKind.BankTransfer)
        {
            // The transfer "arrives" (or not) later; the callback says which.
            var arrived = !string.Equals(request.Token, SandboxTestTokens.BankAccountFailing, StringComparison.Ordinal);
            var settled = Update(request.PaymentId, r => arrived
                ? r with { Status = GatewayChargeStatus.Captured, Captured = r.Amount }
                : r with { Status = GatewayChargeStatus.Failed, DeclineCode = "transfer-failed" }, touchOnly: true);
            EnqueueCallback(settled);
            return Response(record);
        }

        if (timesOut)
        {
            EnqueueCallback(record);
            await Task.Delay(_options.TimeoutAfter, _clock, cancellationToken);
            throw new PaymentGatewayTimeoutException(request.PaymentId);
        }
        return Response(record);
    }

    public async Task<GatewayChargeResponse> CaptureAsync(string paymentId, CancellationToken cancellationToken = default)
    {
        await Task.Delay(_options.Latency, _clock, cancellationToken);
        lock (_lock)
        {
            var record = Find(paymentId);
            if (record.Status == GatewayChargeStatus.Authorized)
            {
                record = record with { Status = GatewayChargeStatus.Captured, Captured = record.Amount, UpdatedAt = _clock.GetUtcNow() };
                _records[paymentId] = record;
            }
            else if (record.Status is not (GatewayChargeStatus.Captured or GatewayChargeStatus.PartiallyRefunded or GatewayChargeStatus.Refunded))
            {
                throw new PaymentGatewayException("not-capturable", $"Charge {record.Reference} is {record.Status} and cannot be captured.");
            }
            return Response(record);
        }
    }

    public async Task<GatewayRecord?> GetChargeAsync(string paymentId, CancellationToken cancellationToken = default)
    {
        await Task.Delay(_options.Latency, _clock, cancellationToken);
        return _records.TryGetValue(paymentId, out var record) ? record : null;
    }

    public async Task<GatewayRefundResponse> RefundAsync(string paymentId, string refundId, decimal amount, CancellationToken cancellationToken = default)
    {
        await Task.Delay(_options.Latency, _clock, cancellationToken);
        lock (_lock)
        {
            if (_refunds.TryGetValue(refundId, out var done)) return done;
            var record = Find(paymentId);
            if (record.Status is not (GatewayChargeStatus.Captured or GatewayChargeStatus.PartiallyRefunded))
            {
                throw new PaymentGatewayException("not-refundable", $"Charge {record.Reference} is {record.Status} and cannot be refunded.");
            }
            if (amount <= 0 || record.Refunded + amount > record.Captured)
            {
                throw new PaymentGatewayException("amount-too-large", $"Refund of {amount} exceeds what is left of charge {record.Reference}.");
            }
            var refunded = record.Refunded + amount;
            _records[paymentId] = record with
            {
                Refunded = refunded,
                Status = refunded == record.Captured ? GatewayChargeStatus.Refunded : GatewayChargeStatus.PartiallyRefunded,
                UpdatedAt = _clock.GetUtcNow(),
            };
            var response = new GatewayRefundResponse(refundId, $"re_{Interlocked.Increment(ref _sequence):D8}", amount);
            _refunds[refundId] = response;
            return response;
        }
    }

    public async Task<IReadOnlyList<GatewayRecord>> ListRecordsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        await Task.Delay(_options.Latency, _clock, cancellationToken);
        return _records.Values.Where(r => r.CreatedAt >= from && r.CreatedAt < to).OrderBy(r => r.CreatedAt).ToList();
    }

    // ---- Sandbox controls: not part of IPaymentGateway; for tests and demos only. ----

    /// <summary>Callbacks signed and waiting for delivery (all of them when auto-delivery is off).</summary>
    public IReadOnlyList<SandboxCallback> PendingCallbacks => _outbox.ToArray();

    /// <summary>Delivers every queued callback (with its duplicates) now, in order, and returns what the receiver said.</summary>
    public async Task<IReadOnlyList<WebhookOutcome>> DeliverPendingCallbacksAsync(CancellationToken cancellationToken = default)
    {
        var outcomes = new List<WebhookOutcome>();
        while (_outbox.TryDequeue(out var callback))
        {
            for (var i = 0; i <= _options.DuplicateDeliveries; i++) outcomes.Add(await DeliverAsync(callback, cancellationToken));
        }
        return outcomes;
    }

    /// <summary>Changes the gateway's record of a payment, to plant a disagreement for reconciliation.</summary>
    public void AlterRecord(string paymentId, Func<GatewayRecord, GatewayRecord> change) => Update(paymentId, change, touchOnly: false);

    /// <summary>Adds a record the gateway has and we may not (a charge made outside our system).</summary>
    public void PlantRecord(GatewayRecord record) => _records[record.PaymentId] = record;

    /// <summary>Forgets a charge, as if the gateway never got it.</summary>
    public bool RemoveRecord(string paymentId) => _records.TryRemove(paymentId, out _);

    private async Task<WebhookOutcome> DeliverAsync(SandboxCallback callback, CancellationToken cancellationToken)
    {
        var receiver = _services.GetRequiredService<IGatewayWebhookReceiver>();
        return await receiver.ReceiveAsync(callback.Body, callback.SignatureHeader, cancellationToken);
    }

    private void EnqueueCallback(GatewayRecord record)
    {
        var now = _clock.GetUtcNow();
        var body = JsonSerializer.Serialize(
            new GatewayCallback($"evt_{Interlocked.Increment(ref _sequence):D8}", record.PaymentId, record.Reference, record.Status,
                record.Amount, record.Currency, record.DeclineCode, now),
            GatewayJson.Options);
        var callback = new SandboxCallback(record.PaymentId, body, PaymentCallbackSignature.CreateHeader(_callbackOptions.Secret, now, body));
        if (!_options.AutoDeliverCallbacks)
        {
            _outbox.Enqueue(callback);
            return;
        }
        _ = Task.Run(async () =>
        {
            try
            {
                await Task.Delay(_options.CallbackDelay, _clock);
                for (var i = 0; i <= _options.DuplicateDeliveries; i++) await DeliverAsync(callback, CancellationToken.None);
            }
            catch (Exception ex)
            {
                // A real provider retries failed webhooks; the payment grain's status query is the safety net here.
                LogDeliveryFailed(_logger, ex, callback.PaymentId);
            }
        });
    }

    private GatewayRecord Update(string paymentId, Func<GatewayRecord, GatewayRecord> change, bool touchOnly)
    {
        lock (_lock)
        {
            var record = change(Find(paymentId));
            _records[paymentId] = touchOnly ? record with { UpdatedAt = _clock.GetUtcNow() } : record;
            return _records[paymentId];
        }
    }

    private GatewayRecord Find(string paymentId) =>
        _records.TryGetValue(paymentId, out var record) ? record : throw new PaymentGatewayException("no-such-charge", $"No charge for payment '{paymentId}'.");

    private static GatewayChargeResponse Response(GatewayRecord record) => new(record.PaymentId, record.Reference, record.Status, record.DeclineCode);

    private static (GatewayChargeStatus Status, string? Code, bool TimesOut) Decide(PaymentMethodKind method, string token) => (method, token) switch
    {
        (PaymentMethodKind.BankTransfer, _) => (GatewayChargeStatus.Pending, null, false),
        (_, SandboxTestTokens.Declined or SandboxTestTokens.CardNumberDeclined) => (GatewayChargeStatus.Declined, "card-declined", false),
        (_, SandboxTestTokens.InsufficientFunds or SandboxTestTokens.CardNumberInsufficientFunds) => (GatewayChargeStatus.Declined, "insufficient-funds", false),
        (_, SandboxTestTokens.WalletDeclined) => (GatewayChargeStatus.Declined, "wallet-declined", false),
        (_, SandboxTestTokens.Timeout or SandboxTestTokens.CardNumberTimeout) => (GatewayChargeStatus.Authorized, null, true),
        _ => (GatewayChargeStatus.Authorized, null, false),
    };

    private static string? CountryOf(string token, string? fallback)
    {
        var underscore = token.LastIndexOf('_');
        if (underscore > 0 && token.Length - underscore == 3 && char.IsAsciiLetter(token[^1]) && char.IsAsciiLetter(token[^2]))
        {
            var suffix = token[(underscore + 1)..].ToUpperInvariant();
            if (suffix is not ("OK")) return suffix;
        }
        return fallback;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Sandbox gateway could not deliver a callback for payment {PaymentId}")]
    private static partial void LogDeliveryFailed(ILogger logger, Exception exception, string paymentId);
}
