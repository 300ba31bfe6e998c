using System.Diagnostics;
using System.Numerics;
using Commerce.Runtime.Configuration;
using Commerce.Runtime.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Commerce.Runtime.Messaging;

/// <summary>
/// Fails calls whose response did not arrive within <see cref="MessagingOptions.ResponseTimeout"/>.
/// Waiting requests sit in striped intrusive lists ordered by deadline (every call has the same
/// timeout), so tracking a call is a lock and two pointer writes, and a sweep only touches the
/// expired head of each list.
/// </summary>
internal sealed class ResponseTimeouts : IRequestObserver, IDisposable
{
    private readonly Stripe[] _stripes;
    private readonly long _timeout;
    private readonly TimeSpan _timeoutSpan;
    private readonly Timer _sweeper;
    private readonly RuntimeMetrics _metrics;
    private readonly ILogger _logger;

    public ResponseTimeouts(IOptions<MessagingOptions> options, RuntimeMetrics metrics, ILogger<ResponseTimeouts> logger)
    {
        _timeoutSpan = options.Value.ResponseTimeout;
        if (_timeoutSpan <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(options), "MessagingOptions.ResponseTimeout must be positive.");
        _timeout = (long)(_timeoutSpan.TotalSeconds * Stopwatch.Frequency);
        _metrics = metrics;
        _logger = logger;
        _stripes = new Stripe[(int)BitOperations.RoundUpToPowerOf2((uint)Environment.ProcessorCount * 4)];
        for (var i = 0; i < _stripes.Length; i++) _stripes[i] = new Stripe();

        // Sweep often enough that a call fails within about a tenth of its timeout after expiring.
        var period = TimeSpan.FromTicks(Math.Clamp(_timeoutSpan.Ticks / 10, TimeSpan.FromMilliseconds(5).Ticks, TimeSpan.FromSeconds(1).Ticks));
        _sweeper = new Timer(static state => ((ResponseTimeouts)state!).Sweep(), this, period, period);
    }

    public void Track(Request request)
    {
        request.Observer = this;
        var stripe = _stripes[Environment.CurrentManagedThreadId & (_stripes.Length - 1)];
        lock (stripe)
        {
            request.Deadline = Stopwatch.GetTimestamp() + _timeout;
            request.TimeoutBucket = stripe;
            request.TimeoutPrevious = stripe.Tail;
            if (stripe.Tail is null) stripe.Head = request;
            else stripe.Tail.TimeoutNext = request;
            stripe.Tail = request;
        }
    }

    public void OnResponded(Request request)
    {
        if (request.TimeoutBucket is not Stripe stripe) return;
        lock (stripe)
        {
            if (ReferenceEquals(request.TimeoutBucket, stripe)) stripe.Unlink(request);
        }
    }

    public void OnOneWayFailed(Request request, Exception exception) =>
        _logger.LogWarning(exception, "One-way call {Request} failed", request);

    internal void Sweep()
    {
        var now = Stopwatch.GetTimestamp();
        List<Request>? expired = null;
        foreach (var stripe in _stripes)
        {
            lock (stripe)
            {
                while (stripe.Head is { } head && head.Deadline <= now)
                {
                    stripe.Unlink(head);
                    (expired ??= new List<Request>()).Add(head);
                }
            }
        }

        if (expired is null) return;
        foreach (var request in expired)
        {
            if (request.TrySetException(new TimeoutException($"No response to {request} within {_timeoutSpan.TotalSeconds:0.###} s.")))
                _metrics.CallTimedOut();
        }
    }

    public void Dispose() => _sweeper.Dispose();

    private sealed class Stripe
    {
        public Request? Head;
        public Request? Tail;

        public void Unlink(Request request)
        {
            if (request.TimeoutPrevious is null) Head = request.TimeoutNext;
            else request.TimeoutPrevious.TimeoutNext = request.TimeoutNext;
            if (request.TimeoutNext is null) Tail = request.TimeoutPrevious;
            else request.TimeoutNext.TimeoutPrevious = request.TimeoutPrevious;
            request.TimeoutPrevious = request.TimeoutNext = null;
            request.TimeoutBucket = null;
        }
    }
}
