using System.Diagnostics;

namespace Outcomes.Functions.Tests;

/// <summary>An in-memory exporter's list, added to from the thread that ends a span while the test reads it.</summary>
internal sealed class ExportedSpans : System.Collections.ObjectModel.Collection<Activity>
{
    private readonly Lock guard = new();

    public Activity[] Snapshot()
    {
        lock (guard) return [.. Items];
    }

    protected override void InsertItem(int index, Activity item)
    {
        lock (guard) base.InsertItem(index, item);
    }
}
