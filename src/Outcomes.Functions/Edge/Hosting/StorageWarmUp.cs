using Outcomes.Storage;

namespace Outcomes.Functions;

/// <summary>
/// A new instance's first request is the host's health check, and it reads Table Storage. The first Table request is
/// the slow one (a connection to open, the SDK's and HttpClient's code compiled on first use), so one is made beside
/// the host's start, on another thread, and the check finds both ready. Nothing is kept from it: the check asks again.
/// </summary>
internal static class StorageWarmUp
{
    /// <returns>The warm-up, for a test to await; the app does not.</returns>
    public static Task Start(IServiceProvider services) =>
        Task.Run(() => services.GetRequiredService<IStorageProbe>().WhyUnreachableAsync(CancellationToken.None));
}
