using Commerce.GrainInterfaces.Logistics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Commerce.Grains.Logistics;

/// <summary>
/// SANDBOX: not a real carrier. Plays one parcel's journey: each step becomes due after
/// <see cref="SandboxCarrierOptions.StepDelay"/>, is signed with <see cref="CarrierWebhookVerifier"/> and sent through
/// <see cref="ICarrierWebhookTransport"/>; a send that fails (really, or simulated by
/// <see cref="SandboxCarrierOptions.WebhookFailureRate"/>) is retried on the next tick, in order.
/// </summary>
[GrainType("sandbox-carrier")]
public sealed class SandboxCarrierGrain(
    [PersistentState("parcel")] IPersistentState<SandboxParcelState> state,
    IOptions<SandboxCarrierOptions> options,
    CarrierWebhookVerifier verifier,
    ICarrierWebhookTransport transport,
    TimeProvider clock,
    ILogger<SandboxCarrierGrain> logger) : Grain, ISandboxCarrierGrain
{
    private static readonly CarrierEventKind[] Journey = [CarrierEventKind.PickedUp, CarrierEventKind.InTransit, CarrierEventKind.OutForDelivery, CarrierEventKind.Delivered];

    private static readonly string[] Locations = ["Origin hub", "Regional sort centre", "Local depot", "Recipient"];

    private readonly SandboxCarrierOptions _options = options.Value;
    private IGrainTimer? _timer;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Started && state.State.Sent < state.State.Planned.Count) StartTimer();
        return Task.CompletedTask;
    }

    public async Task StartAsync(CarrierEventKind? failAt)
    {
        if (state.State.Started) return;
        var tracking = this.GetPrimaryKeyString();
        var now = clock.GetUtcNow();
        for (var i = 0; i < Journey.Length; i++)
        {
            var kind = failAt == Journey[i] ? CarrierEventKind.Exception : Journey[i];
            var detail = kind == CarrierEventKind.Exception ? "Parcel damaged in transit (sandbox)" : null;
            var carrierEvent = new CarrierEvent($"{tracking}-{i + 1}", tracking, kind, now + _options.StepDelay * (i + 1), Locations[i], detail);
            state.State.Planned.Add(new SandboxPlannedEvent(carrierEvent, carrierEvent.OccurredAt));
            if (kind == CarrierEventKind.Exception) break;
        }
        state.State.Started = true;
        await state.WriteStateAsync();
        StartTimer();
    }

    public Task<IReadOnlyList<CarrierEvent>> GetSentAsync() =>
        Task.FromResult<IReadOnlyList<CarrierEvent>>(state.State.Planned.Take(state.State.Sent).Select(p => p.Event).ToArray());

    private void StartTimer() =>
        _timer ??= this.RegisterGrainTimer(SendDueAsync, new GrainTimerCreationOptions(_options.TickInterval, _options.TickInterval) { KeepAlive = true });

    private async Task SendDueAsync(CancellationToken cancellationToken)
    {
        var parcel = state.State;
        var sentBefore = parcel.Sent;
        try
        {
            while (parcel.Sent < parcel.Planned.Count && parcel.Planned[parcel.Sent].DueAt <= clock.GetUtcNow())
            {
                if (Random.Shared.NextDouble() < _options.WebhookFailureRate) throw new IOException("Simulated webhook delivery failure (sandbox).");
                var body = CarrierWebhookVerifier.Serialize(parcel.Planned[parcel.Sent].Event);
                await transport.SendAsync(body, verifier.Sign(body, clock.GetUtcNow()), cancellationToken);
                parcel.Sent++;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogInformation(ex, "Sandbox webhook for {Tracking} not delivered; retrying on the next tick.", this.GetPrimaryKeyString());
        }
        if (parcel.Sent != sentBefore) await state.WriteStateAsync(cancellationToken);
        if (parcel.Sent >= parcel.Planned.Count)
        {
            _timer?.Dispose();
            _timer = null;
        }
    }
}
