using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Commerce.Runtime.Diagnostics;
using Commerce.Runtime.Tests.Grains;
using FluentAssertions;
using Xunit;

namespace Commerce.Runtime.Tests;

public sealed class MetricsTests
{
    [Fact]
    public async Task Calls_latencies_and_activations_are_measured_per_grain_type()
    {
        await using var cluster = await Clusters.StartAsync();
        // Other tests run silos in parallel with meters of the same name: listen to this silo's only.
        var meters = (IMeterFactory)cluster.Services.GetService(typeof(IMeterFactory))!;
        var seen = new ConcurrentDictionary<string, double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == RuntimeMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, meters)) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(seen, instrument, value, tags));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(seen, instrument, 1, tags));
        listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Add(seen, instrument, value, tags));
        listener.Start();

        for (var i = 0; i < 5; i++) await cluster.GrainFactory.GetGrain<IEchoGrain>($"m{i}").EchoAsync("x");
        var failing = () => cluster.GrainFactory.GetGrain<IEchoGrain>("m0").FailAsync("boom");
        await failing.Should().ThrowAsync<ProbeException>();
        listener.RecordObservableInstruments();

        seen.GetValueOrDefault("grain.calls/echo").Should().Be(6);
        seen.GetValueOrDefault("grain.calls.failed/echo").Should().Be(1);
        seen.GetValueOrDefault("grain.call.duration/echo").Should().Be(6);
        seen.GetValueOrDefault("grain.activations/echo").Should().Be(5);
    }

    private static void Add(ConcurrentDictionary<string, double> seen, Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string? type = null;
        foreach (var tag in tags)
        {
            if (tag.Key == "grain.type") type = tag.Value as string;
        }

        seen.AddOrUpdate($"{instrument.Name}/{type}", value, (_, old) => old + value);
    }
}
