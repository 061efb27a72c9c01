using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;

namespace Outcomes.Benchmarks;

/// <summary>
/// The built custom handler, started the way the Functions host starts it: FUNCTIONS_CUSTOMHANDLER_PORT and the settings as
/// environment, each with its own table prefix: one per cohort in the report benchmark, one per run in the ingest benchmark.
/// </summary>
internal sealed class HandlerProcess : IAsyncDisposable
{
    public const string AdminKey = "benchmark-admin-key-5b1f0c7e9a2d4e63";

    private readonly Process process;

    private HandlerProcess(Process process, int port)
    {
        this.process = process;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(10) };
    }

    public HttpClient Client { get; }

    /// <summary>The handler's process id (its memory is read from /proc).</summary>
    public int ProcessId => process.Id;

    /// <summary>The environment the handler is started with: the host's port variable and the app settings.</summary>
    public static IEnumerable<(string Name, string Value)> Settings(int port, string storage, string tablePrefix, string? contactKeys = null)
    {
        return
        [
            ("FUNCTIONS_CUSTOMHANDLER_PORT", port.ToString()), ("AzureWebJobsStorage", storage), ("Outcomes__TablePrefix", tablePrefix),
            ("Outcomes__ContactKeys", contactKeys ?? Key()), ("Outcomes__SurveyTokenKeys", Key()), ("Outcomes__PublicBaseUrl", "http://localhost:7071"),
            ("Outcomes__AdminKey", AdminKey), ("Logging__LogLevel__Default", "Warning"), ("ASPNETCORE_ENVIRONMENT", "Production"),
        ];
    }

    /// <summary>A fresh key ring setting for contacts or survey tokens.</summary>
    public static string Key() => "bench:" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static async Task<HandlerProcess> StartAsync(string executable, string storage, string tablePrefix, CancellationToken ct, string? contactKeys = null)
    {
        if (!File.Exists(executable))
            throw new InvalidOperationException($"The handler is not built at {executable}: build the solution in this configuration first.");
        var port = FreePort();
        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = Path.GetDirectoryName(executable)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in Settings(port, storage, tablePrefix, contactKeys))
            start.Environment[name] = value;
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}.");
        // Warnings and errors only (the log level above): a failure the benchmark runs into is shown with its cause.
        DataReceivedEventHandler show = (_, e) => { if (e.Data is { Length: > 0 } line) Console.Error.WriteLine($"  handler {tablePrefix}: {line}"); };
        process.OutputDataReceived += show;
        process.ErrorDataReceived += show;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var handler = new HandlerProcess(process, port);
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if ((await handler.Client.GetAsync("/api/health", ct)).StatusCode == HttpStatusCode.OK) return handler;
            }
            catch (HttpRequestException) { }
            if (process.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(60))
            {
                await handler.DisposeAsync();
                throw new InvalidOperationException($"The handler did not answer /api/health within 60 seconds (exited: {process.HasExited}).");
            }
            await Task.Delay(200, ct);
        }
    }

    /// <summary>Registers a clinic through the admin API: its id and its first key.</summary>
    public async Task<(string ClinicId, string ApiKey)> CreateClinicAsync(string name, string timeZone, CancellationToken ct)
    {
        using var request = Admin(HttpMethod.Post, "/api/clinics", JsonContent.Create(new { name, timeZone }));
        using var response = await Client.SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        return (body.GetProperty("clinicId").GetString()!, body.GetProperty("apiKey").GetString()!);
    }

    /// <summary>An analyst key issued through the admin API.</summary>
    public async Task<string> IssueAnalystKeyAsync(CancellationToken ct)
    {
        using var request = Admin(HttpMethod.Post, "/api/analyst-keys", null);
        using var response = await Client.SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("apiKey").GetString()!;
    }

    private static HttpRequestMessage Admin(HttpMethod method, string path, HttpContent? content) => new(method, path)
    {
        Content = content,
        Headers = { Authorization = new AuthenticationHeaderValue("Bearer", AdminKey) },
    };

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }
}
