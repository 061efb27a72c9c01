using System.Runtime.InteropServices;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Outcomes.LocalHost.Configuration;
using Outcomes.LocalHost.Demo;
using Outcomes.LocalHost.Handler;
using Outcomes.LocalHost.Http;
using Outcomes.LocalHost.Invocation;
using Outcomes.LocalHost.Outputs;
using Outcomes.LocalHost.ServiceBus;
using Outcomes.LocalHost.Storage;
using Outcomes.LocalHost.Timers;

namespace Outcomes.LocalHost;

/// <summary>
/// Starts everything in the host's order: settings and function.json files, Azurite (when no storage is configured), the handler,
/// then HTTP, Service Bus listeners and timers. Exit codes: 0 after a clean stop, 1 when the app cannot start, 2 for bad options.
/// </summary>
internal static class LocalHostApp
{
    /// <summary>The Functions host's request size limit (100 MB); Kestrel's own default is 30,000,000 bytes.</summary>
    public const long MaxRequestBodyBytes = 100 * 1024 * 1024;

    public static async Task<int> RunAsync(string[] args, HostConsole console)
    {
        if (args is ["--help"] or ["-h"]) { console.Line(LocalHostOptions.Usage); return 0; }
        LocalHostOptions options;
        try { options = LocalHostOptions.Parse(args, LocalHostOptions.RepoRoot, LocalHostOptions.Metadata("OutcomesHandlerAppRoot")); }
        catch (FormatException e)
        {
            await Console.Error.WriteLineAsync($"{e.Message}{Environment.NewLine}{LocalHostOptions.Usage}");
            return 2;
        }
        if (!File.Exists(options.SettingsPath))
        {
            if (options.SettingsPathGiven)
            {
                await Console.Error.WriteLineAsync($"--settings: {options.SettingsPath} does not exist.");
                return 2;
            }
            File.Copy(Path.Combine(LocalHostOptions.RepoRoot, "local.settings.sample.json"), options.SettingsPath);
            console.Line($"Created {options.SettingsPath} from local.settings.sample.json; edit it to change the app settings.");
        }

        using var shutdown = new CancellationTokenSource();
        void Stop(PosixSignalContext signal) { signal.Cancel = true; shutdown.Cancel(); }
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

        AzuriteProcess? azurite = null;
        HandlerProcess? handler = null;
        try
        {
            var settings = AppSettings.Load(options.SettingsPath);
            var host = HostJson.Load(options.AppRoot, settings);
            var functions = FunctionCatalog.Load(options.AppRoot, settings, host.EnableProxyingHttpRequest);

            var storage = settings["AzureWebJobsStorage"];
            if (UsesDevelopmentStorage(storage))
            {
                azurite = await AzuriteProcess.StartAsync(LocalHostOptions.RepoRoot, options.AzuriteFolder, options.AzuritePorts, shutdown.Token);
                storage = azurite.ConnectionString;
                if (azurite.Adopted)
                    console.Line($"Azurite was still running on {options.AzuriteFolder} (started by an earlier run): using it.");
                console.Line($"Azurite is listening: blob http://127.0.0.1:{azurite.BlobPort}, queue http://127.0.0.1:{azurite.QueuePort}, table http://127.0.0.1:{azurite.TablePort}");
            }
            var environment = new Dictionary<string, string>(settings.Values, StringComparer.OrdinalIgnoreCase) { ["AzureWebJobsStorage"] = storage! };
            if (options.Demo) DemoRun.QuietConsoleTelemetry(environment, console);
            handler = await HandlerProcess.StartAsync(HandlerLaunch.From(options.AppRoot, host, environment), console, shutdown.Token);

            await using var app = Build(options, host, functions, storage!, handler, console, settings);
            await app.StartAsync(shutdown.Token);
            var port = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
            console.Line($"Service Bus bindings are carried over {app.Services.GetRequiredService<IQueueTransport>().Description}.");
            console.Line($"Outcomes local host is listening on http://localhost:{port}");
            var demo = options.Demo
                ? Task.Run(() => DemoRun.RunAsync(new Uri($"http://localhost:{port}"), settings[DemoRun.AdminKeySetting], options.DataFolder, console, shutdown.Token))
                : Task.CompletedTask;
            await app.WaitForShutdownAsync(shutdown.Token);
            await demo;
            return 0;
        }
        catch (OperationCanceledException) when (shutdown.IsCancellationRequested) { return 0; }
        catch (Exception e) when (e is HostConfigurationException or InvalidOperationException or IOException)
        {
            await Console.Error.WriteLineAsync($"The Outcomes local host cannot start: {e.Message}");
            return 1;
        }
        finally
        {
            if (handler is not null) await handler.DisposeAsync();
            if (azurite is not null) await azurite.DisposeAsync();
        }
    }

    /// <summary>
    /// The local host's web app over a handler that is already listening (tests pass one of their own). The Service Bus
    /// bindings go over the namespace <paramref name="settings"/> name, else over Azurite queues in <paramref name="storage"/>.
    /// </summary>
    internal static WebApplication Build(
        LocalHostOptions options, HostJson host, IReadOnlyList<FunctionDefinition> functions, string storage, IHandlerEndpoint handler, HostConsole console,
        AppSettings? settings = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // Port 0 (tests) cannot bind "localhost"; the loopback address can, and the printed line names the port it got.
        builder.WebHost.UseUrls(options.Port == 0 ? "http://127.0.0.1:0" : $"http://localhost:{options.Port}");
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            if (c.Exception is not null && ClientFaults.Refusal(c.Exception) is { } refused) c.ProblemDetails.Detail = refused.Message;
        });

        var clock = TimeProvider.System;
        // A proxied body waits for the handler's 100 Continue, however long its first request takes: sent anyway after the
        // default 1 s, it would race a handler that refuses it unread (413) and closes the connection.
        // Each call carries the traceparent InvocationTrace gives it, and no other the client would add from an ambient activity.
        var sockets = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, UseProxy = false, Expect100ContinueTimeout = Timeout.InfiniteTimeSpan,
            ActivityHeadersPropagator = null };
        var http = new HttpClient(sockets)
        {
            Timeout = Timeout.InfiniteTimeSpan,   // each call has its own limit: functionTimeout + 1 minute
        };
        var listenerOptions = new ServiceBusListenerOptions(options.MaxDeliveryCount, host.MaxConcurrentCalls, TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(500));
        var transport = QueueTransports.For(functions, settings, storage, host, listenerOptions, console, clock);
        var invoker = new HandlerInvoker(http, handler, new OutputBinder(transport, new Outbox(options.OutboxFolder, console, clock)), console, host.InvocationTimeout);
        var timers = functions.Where(f => f.Kind == FunctionKind.Timer).Select(f => new TimerFunction(f, invoker, clock, console)).ToList();
        var listeners = functions.Where(f => f.Kind == FunctionKind.ServiceBus).Select(f => transport.Listener(f, invoker)).ToList();
        var index = new FunctionIndex(functions, timers);

        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddSingleton(console);
        builder.Services.AddSingleton<IQueueTransport>(_ => transport);   // made by a factory: disposed with the app
        builder.Services.AddSingleton<IFunctionInvoker>(invoker);
        builder.Services.AddSingleton(new HttpProxy(http, handler, console, host.InvocationTimeout));
        builder.Services.AddSingleton(index);
        builder.Services.AddSingleton<BackgroundRuns>();
        var health = new TriggerHealth();
        builder.Services.AddSingleton(health);
        builder.Services.AddHostedService(_ => new TriggerHost(index, listeners, health, console, clock));

        var app = builder.Build();
        // A body Kestrel refuses is answered with its status (400, 408, 413), and neither it nor a client that went away is an error.
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = ClientFaults.StatusCode,
            SuppressDiagnosticsCallback = c => ClientFaults.Either(c.Exception, c.HttpContext),
        });
        app.UseStatusCodePages();
        app.Use(TriggerHealthCheck.For("/" + string.Join('/', new[] { host.RoutePrefix.Trim('/'), "health" }.Where(p => p.Length > 0)), health));
        AdminRoutes.Map(app);
        FunctionRoutes.Map(app, functions, host.RoutePrefix);
        return app;
    }

    private static bool UsesDevelopmentStorage(string? storage) =>
        string.IsNullOrWhiteSpace(storage) || storage.Replace(" ", "").TrimEnd(';').Equals("UseDevelopmentStorage=true", StringComparison.OrdinalIgnoreCase);
}
