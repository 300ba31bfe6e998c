using Commerce.GrainInterfaces.Common;
using Commerce.GrainInterfaces.Notifications;
using Microsoft.Extensions.Options;

namespace Commerce.Grains.Notifications;

/// <summary>A user's notifications, appended by order grains and polled by the API with a sequence cursor.</summary>
[GrainType("notification-outbox")]
public sealed class NotificationOutboxGrain(
    [PersistentState("outbox")] IPersistentState<NotificationOutboxState> state,
    IOptions<NotificationOptions> options,
    TimeProvider clock) : Grain, INotificationOutboxGrain
{
    private readonly NotificationOptions _options = options.Value;

    public async Task<long> AppendAsync(NotificationDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        if (string.IsNullOrWhiteSpace(draft.DedupeKey)) throw new InvalidInputException("dedupeKey", "A notification needs a dedupe key.");
        if (string.IsNullOrWhiteSpace(draft.Title)) throw new InvalidInputException("title", "A notification needs a title.");
        var outbox = state.State;
        if (outbox.DedupeKeys.TryGetValue(draft.DedupeKey, out var existing)) return existing;

        var notification = new Notification(outbox.LastSequence + 1, draft.Kind, draft.Title, draft.Body ?? "", draft.OrderId, clock.GetUtcNow());
        outbox.LastSequence = notification.Sequence;
        outbox.Items.Add(notification);
        outbox.DedupeKeys[draft.DedupeKey] = notification.Sequence;
        var overflow = outbox.Items.Count - _options.Retention;
        if (overflow > 0)
        {
            var dropped = outbox.Items.Take(overflow).Select(n => n.Sequence).ToHashSet();
            outbox.Items.RemoveRange(0, overflow);
            foreach (var key in outbox.DedupeKeys.Where(kv => dropped.Contains(kv.Value)).Select(kv => kv.Key).ToArray()) outbox.DedupeKeys.Remove(key);
        }
        await state.WriteStateAsync();
        return notification.Sequence;
    }

    public Task<NotificationPage> PollAsync(long afterSequence, int max)
    {
        if (afterSequence < 0) throw new InvalidInputException("after", "The cursor must not be negative.");
        if (max < 1 || max > _options.MaxPageSize) throw new InvalidInputException("max", $"Page size must be 1..{_options.MaxPageSize}.");
        var items = state.State.Items;
        var page = items.Where(n => n.Sequence > afterSequence).Take(max).ToArray();
        var truncated = items.Count > 0 && items[0].Sequence > afterSequence + 1;
        var next = page.Length > 0 ? page[^1].Sequence : Math.Max(afterSequence, 0);
        return Task.FromResult(new NotificationPage(page, next, truncated));
    }
}
