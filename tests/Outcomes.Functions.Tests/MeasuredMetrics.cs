using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace Outcomes.Functions.Tests;

/// <summary>The measurements one app's <see cref="OutcomesMetrics"/> records while this listens (other apps' meters are not heard).</summary>
internal sealed class MeasuredMetrics : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly ConcurrentQueue<(string Instrument, double Value, Dictionary<string, string?> Tags)> measured = new();

    public MeasuredMetrics(OutcomesApp app)
    {
        var scope = app.Services.GetRequiredService<IMeterFactory>();
        _ = app.Service<OutcomesMetrics>();   // its instruments exist before the listener looks
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == OutcomesMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, scope))
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((i, value, tags, _) => Keep(i, value, tags));
        listener.SetMeasurementEventCallback<double>((i, value, tags, _) => Keep(i, value, tags));
        listener.Start();
    }

    public IReadOnlyList<(string Instrument, double Value, Dictionary<string, string?> Tags)> All => measured.ToList();

    public IReadOnlyList<Dictionary<string, string?>> Of(string instrument) => All.Where(m => m.Instrument == instrument).Select(m => m.Tags).ToList();

    public void Dispose() => listener.Dispose();

    private void Keep(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        measured.Enqueue((instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value?.ToString())));
}
