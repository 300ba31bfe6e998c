using Commerce.GrainInterfaces.Common;
using Commerce.GrainInterfaces.Payments;
using Commerce.Grains.Payments.Currency;
using Commerce.Grains.Payments.Gateway;
using Commerce.Grains.Payments.ReadModel;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Commerce.Grains.Payments;

/// <summary>
/// One payment: fraud scoring before the gateway, authorize and capture, callbacks and status queries for
/// outcomes the gateway did not give at once, refunds, settlement. The state is written before the gateway
/// is called, so a crash mid-charge leaves a Pending payment that the follow-up reminder resolves by
/// asking the gateway (charges are idempotent by payment id).
/// </summary>
[GrainType("payment")]
public sealed partial class PaymentGrain(
    [PersistentState("payment")] IPersistentState<PaymentState> state,
    IPaymentGateway gateway,
    IPaymentReadModel readModel,
    ExchangeRateCache rates,
    IOptions<PaymentOptions> options,
    IOptions<ExchangeRateOptions> currencyOptions,
    TimeProvider clock,
    ILogger<PaymentGrain> logger) : Grain, IPaymentGrain
{
    /// <summary>The reminder of a pending payment: status query, then outcome re-delivery.</summary>
    public const string FollowUpReminder = "payment-follow-up";

    private readonly PaymentOptions _options = options.Value;

    private PaymentState S => state.State;

    private string PaymentId => this.GetPrimaryKeyString();

    public async Task<PaymentResult> PayAsync(PaymentRequest request)
    {
        Validate(request);
        if (S.Request is { } existing)
        {
            return existing == request
                ? Result()
                : throw new ConflictException("payment-id-reused", $"Payment '{PaymentId}' was already made with a different request.");
        }

        var settlement = await rates.ConvertAsync(request.Amount, _options.SettlementCurrency);
        var method = await gateway.DescribeMethodAsync(request.Method, request.MethodToken);
        var risk = await GrainFactory.GetGrain<IPaymentRiskGrain>(request.UserId)
            .AssessAsync(new RiskCheck(request.PaymentId, settlement, request.BillingCountry, request.IpCountry, method.Country));

        S.Request = request;
        S.SettlementAmount = settlement;
        S.Risk = risk;
        S.CreatedAt = clock.GetUtcNow();
        if (risk.Decision == RiskDecision.Block)
        {
            // Never reaches the gateway; the reasons stay on the payment for review.
            S.Reason = "fraud-risk: " + string.Join("; ", risk.Reasons);
            Transition(PaymentStatus.Blocked, S.Reason);
            await SaveAsync();
            return Result();
        }

        Transition(PaymentStatus.Pending, risk.Decision == RiskDecision.Flag ? "sent to gateway, flagged for review: " + string.Join("; ", risk.Reasons) : "sent to gateway");
        await SaveAsync();

        GatewayChargeResponse response;
        try
        {
            response = await gateway.AuthorizeAsync(new GatewayChargeRequest(request.PaymentId, request.OrderId, request.Amount, request.Method, request.MethodToken));
        }
        catch (PaymentGatewayException refused)
        {
            S.Reason = refused.Code;
            Transition(PaymentStatus.Failed, $"gateway refused: {refused.Message}");
            await SaveAsync();
            return Result();
        }
        catch (Exception unknown)
        {
            // A timeout or a lost connection: the charge may exist. Only the gateway knows, so we ask it later.
            S.Reason = unknown is PaymentGatewayTimeoutException ? "gateway-timeout" : "gateway-unreachable";
            Note($"{S.Reason}: outcome unknown until a callback or a status query");
            await AwaitOutcomeAsync();
            return Result();
        }

        S.GatewayReference = response.Reference;
        await ApplyAsync(response.Status, response.DeclineCode, "gateway answered");
        if (S.Status is PaymentStatus.Pending or PaymentStatus.Authorized)
        {
            await AwaitOutcomeAsync();
            return Result();
        }
        await SaveAsync();
        return Result();
    }

    public Task<PaymentSnapshot> GetAsync()
    {
        var currency = S.Request?.Amount.Currency;
        return Task.FromResult(new PaymentSnapshot(
            PaymentId,
            S.Request?.OrderId,
            S.Request?.UserId,
            S.Request?.Amount,
            S.Request?.Method,
            S.Status,
            S.Reason,
            S.Risk,
            S.GatewayReference,
            currency is null ? null : new Money(S.Captured, currency),
            currency is null ? null : new Money(S.Refunded, currency),
            S.SettlementAmount,
            S.SettlementBatchId,
            S.Refunds.ToArray(),
            S.History.ToArray()));
    }

    public async Task<RefundResult> RefundAsync(string refundId, Money amount, string reason)
    {
        RequireText(refundId, "refundId");
        if (reason is not null && reason.Length > _options.MaxTextLength) throw new InvalidInputException("reason", $"At most {_options.MaxTextLength} characters.");
        if (amount is null) throw new InvalidInputException("amount", "An amount is required.");
        if (S.Request is null) throw new NotFoundException("payment", PaymentId);
        var currency = S.Request.Amount.Currency;
        if (amount.Currency != currency) throw new InvalidInputException("amount.currency", $"Refunds are made in the payment's currency, {currency}.");
        if (amount.Amount <= 0) throw new InvalidInputException("amount", "A refund must be positive.");
        if (CurrencyConverter.Round(currencyOptions.Value, amount) != amount) throw new InvalidInputException("amount", $"Too many decimal places for {currency}.");

        if (S.Refunds.Find(r => r.RefundId == refundId) is { } done)
        {
            return done.Amount == amount
                ? RefundResultOf(done)
                : throw new ConflictException("refund-id-reused", $"Refund '{refundId}' was already made for {done.Amount}.");
        }
        if (S.Status is not (PaymentStatus.Captured or PaymentStatus.PartiallyRefunded))
        {
            throw new ConflictException("not-refundable", $"Payment '{PaymentId}' is {S.Status}; only captured payments can be refunded.");
        }
        if (S.Refunded + amount.Amount > S.Captured)
        {
            throw new ConflictException("over-refund", $"Refunding {amount} would exceed the {S.Captured - S.Refunded} {currency} left of payment '{PaymentId}'.");
        }

        var response = await gateway.RefundAsync(PaymentId, refundId, amount.Amount);
        var now = clock.GetUtcNow();
        var record = new RefundRecord(refundId, amount, reason ?? "", now, response.Reference);
        S.Refunds.Add(record);
        S.Refunded += amount.Amount;
        Transition(S.Refunded == S.Captured ? PaymentStatus.Refunded : PaymentStatus.PartiallyRefunded, $"refund {refundId}: {amount}");
        await SaveAsync();
        return RefundResultOf(record);
    }

    public async Task HandleCallbackAsync(GatewayCallback callback)
    {
        if (callback is null) throw new InvalidInputException("callback", "A callback is required.");
        if (callback.PaymentId != PaymentId) throw new InvalidInputException("paymentId", $"The callback is for payment '{callback.PaymentId}', not '{PaymentId}'.");
        RequireText(callback.EventId, "eventId");
        if (S.HandledEventIds.Contains(callback.EventId)) return;
        if (S.Request is null)
        {
            // A charge we have no payment for: reconciliation reports it as missing on our side.
            LogUnknownPayment(logger, PaymentId, callback.EventId);
            return;
        }

        RememberEvent(callback.EventId);
        if (callback.Amount != S.Request.Amount.Amount || callback.Currency != S.Request.Amount.Currency)
        {
            Note($"ignored callback {callback.EventId}: gateway amount {callback.Amount} {callback.Currency} differs");
            await SaveAsync();
            return;
        }
        S.GatewayReference ??= callback.GatewayReference;
        await ApplyAsync(callback.Status, callback.DeclineCode, $"callback {callback.EventId}");
        await CompleteOutcomeAsync();
    }

    public async Task<PaymentResult> QueryGatewayStatusAsync()
    {
        if (S.Request is null) throw new NotFoundException("payment", PaymentId);
        if (S.Status is not (PaymentStatus.Pending or PaymentStatus.Authorized)) return Result();
        var record = await gateway.GetChargeAsync(PaymentId);
        if (record is null)
        {
            Note("status query: the gateway has no charge yet");
        }
        else
        {
            S.GatewayReference ??= record.Reference;
            await ApplyAsync(record.Status, record.DeclineCode, "status query");
        }
        await CompleteOutcomeAsync();
        return Result();
    }

    public Task<IReadOnlyList<SettlementMovement>> GetSettlementMovementsAsync() =>
        Task.FromResult<IReadOnlyList<SettlementMovement>>(Movements().ToList());

    public async Task<IReadOnlyList<SettlementMovement>> SettleMovementsAsync(string batchId, IReadOnlyList<string> movementIds)
    {
        RequireText(batchId, "batchId");
        if (movementIds is null) throw new InvalidInputException("movementIds", "The movements to settle are required.");
        var wanted = movementIds.ToHashSet(StringComparer.Ordinal);
        var settled = new List<string>();
        if (S.CapturedAt is not null && S.Captured != 0m && S.SettlementBatchId is null && wanted.Contains(SettlementMovement.CaptureMovementId))
        {
            S.SettlementBatchId = batchId;
            settled.Add(SettlementMovement.CaptureMovementId);
        }
        foreach (var refund in S.Refunds)
        {
            var movementId = SettlementMovement.RefundMovementId(refund.RefundId);
            if (!wanted.Contains(movementId) || !S.RefundBatchIds.TryAdd(refund.RefundId, batchId)) continue;
            settled.Add(movementId);
        }
        if (settled.Count > 0)
        {
            Note($"settled in {batchId}: {string.Join(", ", settled)}");
            await SaveAsync();
        }
        return Movements().Where(m => m.BatchId == batchId && wanted.Contains(m.MovementId)).ToList();
    }

    /// <summary>The capture (once captured) and each refund, with the batch that settled it.</summary>
    private IEnumerable<SettlementMovement> Movements()
    {
        if (S.Request is null || S.CapturedAt is not { } capturedAt || S.Captured == 0m) yield break;
        var currency = S.Request.Amount.Currency;
        var settlement = S.SettlementAmount ?? new Money(S.Captured, currency);
        // A refunded share of the payment is taken off at the rate the payment was made at. Each refund takes the
        // difference of the rounded shares refunded after and before it, so the movements add up, in whatever
        // batches, to exactly the rounded share left.
        decimal RefundedShare(decimal refunded) =>
            CurrencyConverter.Round(currencyOptions.Value, new Money(settlement.Amount * refunded / S.Captured, settlement.Currency)).Amount;

        yield return new SettlementMovement(PaymentId, SettlementMovement.CaptureMovementId, SettlementMovementKind.Capture,
            new Money(S.Captured, currency), settlement, capturedAt, S.SettlementBatchId);
        var refundedBefore = 0m;
        foreach (var refund in S.Refunds)
        {
            var share = RefundedShare(refundedBefore + refund.Amount.Amount) - RefundedShare(refundedBefore);
            refundedBefore += refund.Amount.Amount;
            yield return new SettlementMovement(PaymentId, SettlementMovement.RefundMovementId(refund.RefundId), SettlementMovementKind.Refund,
                new Money(-refund.Amount.Amount, currency), new Money(-share, settlement.Currency), refund.At,
                S.RefundBatchIds.GetValueOrDefault(refund.RefundId));
        }
    }

    public async Task AcknowledgeOutcomeAsync()
    {
        if (!S.OutcomeUnacknowledged) return;
        S.OutcomeUnacknowledged = false;
        await state.WriteStateAsync();
        await this.UnregisterReminderIfExistsAsync(FollowUpReminder);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != FollowUpReminder) return;
        if (S.Status is PaymentStatus.Pending or PaymentStatus.Authorized)
        {
            await QueryGatewayStatusAsync();
        }
        else if (S.OutcomeUnacknowledged)
        {
            Dispatch();
        }
        else
        {
            await this.UnregisterReminderIfExistsAsync(FollowUpReminder);
        }
    }

    /// <summary>Moves the payment by what the gateway says; answers that do not move it (late, repeated) change nothing.</summary>
    private async Task ApplyAsync(GatewayChargeStatus gatewayStatus, string? declineCode, string source)
    {
        if (S.Status is not (PaymentStatus.Pending or PaymentStatus.Authorized)) return;
        switch (gatewayStatus)
        {
            case GatewayChargeStatus.Authorized:
                if (S.Status == PaymentStatus.Pending) Transition(PaymentStatus.Authorized, source);
                try
                {
                    var capture = await gateway.CaptureAsync(PaymentId);
                    if (capture.Status == GatewayChargeStatus.Captured) await MarkCapturedAsync("captured");
                }
                catch (Exception ex) when (ex is not PaymentGatewayException)
                {
                    // Still Authorized: the follow-up reminder asks the gateway again and captures then.
                    Note($"capture did not answer: {ex.Message}");
                }
                break;
            case GatewayChargeStatus.Captured:
                await MarkCapturedAsync(source);
                break;
            case GatewayChargeStatus.Declined or GatewayChargeStatus.Failed:
                var declined = gatewayStatus == GatewayChargeStatus.Declined;
                S.Reason = declineCode ?? (declined ? "declined" : "failed");
                Transition(declined ? PaymentStatus.Declined : PaymentStatus.Failed, $"{source}: {S.Reason}");
                await GrainFactory.GetGrain<IPaymentRiskGrain>(S.Request!.UserId).RecordOutcomeAsync(PaymentId, declined: true, succeeded: false);
                break;
        }
    }

    private async Task MarkCapturedAsync(string source)
    {
        S.Captured = S.Request!.Amount.Amount;
        S.CapturedAt = clock.GetUtcNow();
        S.Reason = null;
        Transition(PaymentStatus.Captured, source);
        await GrainFactory.GetGrain<IPaymentRiskGrain>(S.Request.UserId).RecordOutcomeAsync(PaymentId, declined: false, succeeded: true);
    }

    private async Task AwaitOutcomeAsync()
    {
        S.AwaitingOutcome = true;
        await this.RegisterOrUpdateReminder(FollowUpReminder, _options.FollowUpPeriod, _options.FollowUpPeriod);
        await SaveAsync();
    }

    /// <summary>When a payment the order is waiting on has completed, tells the order (outside this turn) and saves.</summary>
    private async Task CompleteOutcomeAsync()
    {
        var completed = S.AwaitingOutcome && S.Status is not (PaymentStatus.Pending or PaymentStatus.Authorized);
        if (completed)
        {
            S.AwaitingOutcome = false;
            S.OutcomeUnacknowledged = true;
        }
        await SaveAsync();
        if (completed) Dispatch();
    }

    private void Dispatch() =>
        _ = GrainFactory.GetGrain<IPaymentOutcomeDispatcherGrain>(PaymentId).DispatchAsync(S.Request!.OrderId, Result());

    private async Task SaveAsync()
    {
        S.UpdatedAt = clock.GetUtcNow();
        await state.WriteStateAsync();
        var request = S.Request!;
        await readModel.UpsertAsync(new PaymentRecord(
            PaymentId, request.OrderId, request.UserId, request.Method, S.Status ?? PaymentStatus.Pending,
            request.Amount.Amount, request.Amount.Currency, S.Captured, S.Refunded,
            S.SettlementAmount?.Amount ?? 0m, S.SettlementAmount?.Currency ?? _options.SettlementCurrency,
            S.GatewayReference, S.Risk?.Score, S.Risk?.Decision, S.CreatedAt, S.UpdatedAt, S.CapturedAt, S.SettlementBatchId,
            Movements().Where(m => m.BatchId is null).Select(m => (DateTimeOffset?)m.At).Min()));
    }

    private void Transition(PaymentStatus status, string? note)
    {
        S.Status = status;
        S.History.Add(new PaymentStatusChange(status, clock.GetUtcNow(), note));
    }

    private void Note(string note) => S.History.Add(new PaymentStatusChange(S.Status ?? PaymentStatus.Pending, clock.GetUtcNow(), note));

    private void RememberEvent(string eventId)
    {
        S.HandledEventIds.Add(eventId);
        var excess = S.HandledEventIds.Count - _options.RememberedCallbackEvents;
        if (excess > 0) S.HandledEventIds.RemoveRange(0, excess);
    }

    private PaymentResult Result() => new(PaymentId, S.Status ?? PaymentStatus.Pending, S.Reason, S.Risk);

    private RefundResult RefundResultOf(RefundRecord refund) =>
        new(refund.RefundId, PaymentId, refund.Amount, new Money(S.Refunded, refund.Amount.Currency), S.Status!.Value);

    private void Validate(PaymentRequest request)
    {
        if (request is null) throw new InvalidInputException("request", "A payment request is required.");
        if (request.PaymentId != PaymentId) throw new InvalidInputException("paymentId", $"The request is for payment '{request.PaymentId}', not '{PaymentId}'.");
        RequireText(request.OrderId, "orderId");
        RequireText(request.UserId, "userId");
        RequireText(request.MethodToken, "methodToken");
        if (!Enum.IsDefined(request.Method)) throw new InvalidInputException("method", $"Unknown payment method {request.Method}.");
        if (request.Amount is null) throw new InvalidInputException("amount", "An amount is required.");
        if (request.Amount.Amount <= 0) throw new InvalidInputException("amount", "A payment must be positive.");
        if (CurrencyConverter.Round(currencyOptions.Value, request.Amount) != request.Amount)
        {
            throw new InvalidInputException("amount", $"Too many decimal places for {request.Amount.Currency}.");
        }
        RequireCountry(request.BillingCountry, "billingCountry");
        RequireCountry(request.IpCountry, "ipCountry");
    }

    private void RequireText(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value)) throw new InvalidInputException(field, $"{field} is required.");
        if (value.Length > _options.MaxTextLength) throw new InvalidInputException(field, $"{field} is longer than {_options.MaxTextLength} characters.");
    }

    private static void RequireCountry(string? value, string field)
    {
        if (value is not null && (value.Length != 2 || !char.IsAsciiLetter(value[0]) || !char.IsAsciiLetter(value[1])))
        {
            throw new InvalidInputException(field, "A country is a two-letter ISO 3166 code.");
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Gateway callback {EventId} names payment {PaymentId}, which does not exist here")]
    private static partial void LogUnknownPayment(ILogger logger, string paymentId, string eventId);
}
