using System.Text.Json;
using Outcomes.LocalHost.Configuration;
using Outcomes.LocalHost.Invocation;
using Outcomes.LocalHost.ServiceBus;
using Outcomes.LocalHost.Timers;

namespace Outcomes.LocalHost.Http;

/// <summary>
/// POST /admin/functions/{name} with an optional {"input": "..."}: the host's admin route for running a non-HTTP function.
/// Answers 202 at once; the run goes on in the background (a timer with its timer payload, a Service Bus function with one
/// delivery of input as the message body).
/// </summary>
internal static class AdminRoutes
{
    public sealed record AdminInvocation(string? Input);

    public static void Map(IEndpointRouteBuilder app) => app.MapPost("/admin/functions/{name}", Run);

    private static async Task<IResult> Run(string name, HttpRequest request, FunctionIndex index, IFunctionInvoker invoker,
        BackgroundRuns background, TimeProvider clock)
    {
        if (index.Find(name) is not { } function) return Problems.UnknownFunction(name);
        if (function.Kind is FunctionKind.ProxiedHttp or FunctionKind.WrappedHttp) return Problems.HttpFunction(function.Name);

        string input = "";
        if (request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            try
            {
                input = (await JsonSerializer.DeserializeAsync<AdminInvocation>(request.Body, JsonSerializerOptions.Web, request.HttpContext.RequestAborted))?.Input ?? "";
            }
            catch (JsonException e) { return Problems.BadAdminBody(e.Message); }
        }

        background.Start(function.Kind == FunctionKind.Timer
            ? ct => index.Timer(function.Name).RunOnceAsync(ServiceBusDelivery.AdminReason, ct)
            : ct => ServiceBusDelivery.InvokeOnceAsync(function, input, invoker, clock, ct));
        return TypedResults.Accepted((string?)null);
    }
}
