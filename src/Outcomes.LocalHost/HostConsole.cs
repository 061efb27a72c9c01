using System.Globalization;

namespace Outcomes.LocalHost;

/// <summary>
/// The local host's console. Startup lines are printed bare (scripts and tests parse them); invocation lines carry a UTC
/// timestamp as the Functions host's do. Nothing printed here may carry a message body: bodies may hold patient data.
/// </summary>
internal sealed class HostConsole(TextWriter writer, TimeProvider clock)
{
    private readonly Lock gate = new();
    private volatile bool invocationsQuiet;

    public static HostConsole Standard { get; } = new(Console.Out, TimeProvider.System);

    public void Line(string line)
    {
        lock (gate) { writer.WriteLine(line); writer.Flush(); }
    }

    public void Log(string line) =>
        Line($"[{clock.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)}] {line}");

    /// <summary>
    /// An invocation's start or its successful end. Left out while <see cref="QuietInvocations"/> is on (the demo's
    /// thousands of requests would bury its progress); a failure goes through <see cref="Log"/> and always shows.
    /// </summary>
    public void Invocation(string line)
    {
        if (!invocationsQuiet) Log(line);
    }

    public void QuietInvocations(bool quiet) => invocationsQuiet = quiet;
}
