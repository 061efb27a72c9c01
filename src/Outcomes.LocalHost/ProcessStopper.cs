using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Outcomes.LocalHost;

/// <summary>Stops a child process cleanly: SIGTERM first (Azurite saves its data, ASP.NET drains), a kill after a grace period.</summary>
internal static class ProcessStopper
{
    public static async Task StopAsync(Process process, TimeSpan grace)
    {
        try
        {
            if (process.HasExited) return;
            if (!OperatingSystem.IsWindows() && Terminate(process.Id, 15) == 0)
            {
                try
                {
                    await process.WaitForExitAsync().WaitAsync(grace);
                    return;
                }
                catch (TimeoutException) { }
            }
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().WaitAsync(grace);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException) { }   // already gone, or beyond our reach
    }

    // DllImport rather than LibraryImport: the generated marshalling needs unsafe code, and two ints need no marshalling.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Terminate(int pid, int signal);
}
