namespace Outcomes.Benchmarks;

/// <summary>
/// A process's resident memory as Linux reports it in /proc/&lt;pid&gt;/status: now (VmRSS) and at its peak (VmHWM), and
/// what is resident now split into anonymous memory (RssAnon) and pages of mapped files (RssFile).
/// </summary>
internal sealed record ResidentMemory(double ResidentMegabytes, double PeakMegabytes, double AnonymousMegabytes, double FileMegabytes)
{
    public static ResidentMemory Of(int processId)
    {
        var lines = File.ReadAllLines($"/proc/{processId}/status");
        double Megabytes(string field) => long.Parse(lines.Single(l => l.StartsWith(field + ":", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0;   // "VmRSS:	  123456 kB"
        return new(Megabytes("VmRSS"), Megabytes("VmHWM"), Megabytes("RssAnon"), Megabytes("RssFile"));
    }
}
