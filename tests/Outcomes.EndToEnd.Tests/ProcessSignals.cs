using System.Diagnostics;

namespace Outcomes.EndToEnd.Tests;

/// <summary>Signals to the processes the local host runs (STOP to freeze one, KILL as a crash would), as an operator's shell sends them.</summary>
internal static class ProcessSignals
{
    public static void Send(string signal, int pid)
    {
        using var kill = Process.Start("kill", [$"-{signal}", pid.ToString()]);
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }
}
