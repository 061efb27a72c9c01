namespace Outcomes.LocalHost;

/// <summary>How the local host's loops wait after a failure, and how they name it in the console.</summary>
internal static class Backoff
{
    private static readonly TimeSpan Longest = TimeSpan.FromSeconds(30);

    /// <summary>Doubles from <paramref name="first"/> with each failure in a row, up to 30 s.</summary>
    public static TimeSpan After(int failures, TimeSpan first) =>
        TimeSpan.FromTicks(Math.Min(Longest.Ticks, first.Ticks * (1L << Math.Clamp(failures - 1, 0, 16))));

    /// <summary>The failure in a few words: the storage error code, else the exception's type and message.</summary>
    public static string Describe(Exception e) => e switch
    {
        Azure.RequestFailedException r => r.ErrorCode ?? r.Status.ToString(System.Globalization.CultureInfo.InvariantCulture),
        AggregateException { InnerExceptions.Count: > 0 } a => $"{a.GetType().Name}: {a.InnerExceptions[^1].Message}",
        _ => $"{e.GetType().Name}: {e.Message}",
    };
}
